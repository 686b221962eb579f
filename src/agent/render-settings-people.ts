import {html, nothing} from 'lit';
import type {AdminAgent, AdminDepartment} from './admin-api.js';
import type {AdminState} from './console-admin.js';
import type {ConfirmRequest} from './confirm-dialog.js';
import type {FieldErrors} from './render-settings.js';
import {checkbox, field, formFooter} from './render-settings.js';

/** What the agents and departments parts call back. */
export interface PeopleHandlers {
  addAgent: (e: Event) => void;
  removeAgent: (username: string) => void;
  toggleReset: (username: string) => void;
  resetPassword: (e: Event, username: string) => void;
  saveDepartments: (e: Event) => void;
  addDepartment: (e: Event) => void;
  removeDepartment: (id: string) => void;
}

/** What "Remove" next to an agent asks first. */
export const agentRemoval = (username: string): ConfirmRequest => ({
  title: `Remove agent ${username}?`,
  text: `${username} can no longer log in, and their sessions end. Their past chats keep their name.`,
  action: `Remove ${username}`,
});

/** What "Remove" in a department asks first. */
export const departmentRemoval = (name: string): ConfirmRequest => ({
  title: `Remove department ${name}?`,
  text: `Visitors can no longer choose ${name}, and chats can no longer be transferred to it.`,
  action: `Remove ${name}`,
});

function renderAgentRow(
  agent: AdminAgent,
  state: AdminState,
  errors: FieldErrors,
  resetting: string | null,
  on: PeopleHandlers,
) {
  const id = `pw-${agent.username}`;
  return html`<tr>
    <th scope="row"><bdi>${agent.username}</bdi></th>
    <td><bdi>${agent.name}</bdi></td>
    <td>${agent.isAdmin ? 'Admin' : 'Agent'}</td>
    <td>
      ${agent.openChats}<span class="unit">
        ${agent.openChats === 1 ? 'open chat' : 'open chats'}</span
      >
    </td>
    <td class="actions">
      <button
        type="button"
        aria-expanded=${resetting === agent.username ? 'true' : 'false'}
        aria-label="Reset password of ${agent.username}"
        @click=${() => on.toggleReset(agent.username)}
      >
        Reset password
      </button>
      ${
        agent.username === state.self
          ? nothing
          : html`<button
              type="button"
              class="danger"
              aria-label="Remove ${agent.username}"
              @click=${() => on.removeAgent(agent.username)}
            >
              Remove
            </button>`
      }
      ${
        resetting === agent.username
          ? html`<form
              novalidate
              class="inline"
              aria-label="New password for ${agent.username}"
              @submit=${(e: Event) => on.resetPassword(e, agent.username)}
            >
              ${field({
                id,
                label: `New password for ${agent.username}`,
                value: '',
                errors,
                type: 'password',
                autocomplete: 'new-password',
              })}
              ${formFooter(
                `agent-${agent.username}`,
                'Set password',
                state.forms[`agent:${agent.username}`],
              )}
            </form>`
          : nothing
      }
    </td>
  </tr>`;
}

/** The agent accounts: list, remove, reset a password, add one. */
export function renderAgents(
  state: AdminState,
  errors: FieldErrors,
  resetting: string | null,
  on: PeopleHandlers,
) {
  const removal = state.forms.agents;
  return html`<section aria-labelledby="agents-title">
    <h3 id="agents-title" tabindex="-1">Agents</h3>
    <table>
      <caption class="visually-hidden">
        Agent accounts
      </caption>
      <thead>
        <tr>
          <th scope="col">Username</th>
          <th scope="col">Name</th>
          <th scope="col">Role</th>
          <th scope="col">Open chats</th>
          <th scope="col">Actions</th>
        </tr>
      </thead>
      <tbody>
        ${state.agents.map((a) => renderAgentRow(a, state, errors, resetting, on))}
      </tbody>
    </table>
    <p class=${removal?.isError ? 'status error' : 'status'} role="status">
      ${removal?.message ?? ''}
    </p>
    <form novalidate aria-labelledby="add-agent-title" @submit=${on.addAgent}>
      <h4 id="add-agent-title">Add an agent</h4>
      <div class="grid">
        ${field({
          id: 'new-username',
          label: 'Username',
          value: '',
          errors,
          hint: 'Letters, digits, dot, dash or underscore.',
        })}
        ${field({id: 'new-name', label: 'Name', value: '', errors})}
        ${field({
          id: 'new-password',
          label: 'Password',
          value: '',
          errors,
          type: 'password',
          autocomplete: 'new-password',
          hint: 'At least 8 characters.',
        })}
      </div>
      ${checkbox('new-admin', 'Administrator (may change these settings)', false)}
      ${formFooter('add-agent', 'Add agent', state.forms['add-agent'])}
    </form>
  </section>`;
}

function renderDepartment(
  d: AdminDepartment,
  i: number,
  agents: readonly AdminAgent[],
  on: PeopleHandlers,
  errors: FieldErrors,
) {
  return html`<fieldset>
    <legend><bdi>${d.name}</bdi></legend>
    ${field({id: `dept-${i}-name`, label: 'Name', value: d.name, errors})}
    ${checkbox(`dept-${i}-reg`, 'Offered in the registration form', d.showOnRegistration)}
    <fieldset class="agents">
      <legend>Agents of ${d.name} (none ticked: every agent)</legend>
      ${agents.map((a) =>
        checkbox(
          `dept-${i}-agent-${a.username}`,
          a.name || a.username,
          d.agents.includes(a.username),
        ),
      )}
    </fieldset>
    <button type="button" class="danger" @click=${() => on.removeDepartment(d._id)}>
      Remove ${d.name}
    </button>
  </fieldset>`;
}

/** The departments: rename, registration form, agents, remove; and a form to add one. */
export function renderDepartments(state: AdminState, errors: FieldErrors, on: PeopleHandlers) {
  const departments = state.settings?.departments ?? [];
  return html`<section aria-labelledby="departments-title">
    <h3 id="departments-title" tabindex="-1">Departments</h3>
    <form novalidate aria-label="Departments" @submit=${on.saveDepartments}>
      ${
        departments.length === 0
          ? html`<p>No departments: every chat goes to every agent.</p>`
          : departments.map((d, i) => renderDepartment(d, i, state.agents, on, errors))
      }
      ${formFooter('departments', 'Save departments', state.forms.departments)}
    </form>
    <form novalidate aria-labelledby="add-department-title" @submit=${on.addDepartment}>
      <h4 id="add-department-title">Add a department</h4>
      ${field({id: 'new-department', label: 'Department name', value: '', errors})}
      <button type="submit">Add department</button>
    </form>
  </section>`;
}
