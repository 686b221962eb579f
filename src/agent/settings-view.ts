import {LitElement, html, nothing} from 'lit';
import {property, state} from 'lit/decorators.js';
import type {AdminDepartment, AdminSettings, OpeningTime, Weekday} from './admin-api.js';
import {WEEKDAYS} from './admin-api.js';
import type {ConfirmRequest} from './confirm-dialog.js';
import type {AdminIntent, AdminState} from './console-admin.js';
import type {PeopleHandlers} from './render-settings-people.js';
import {
  agentRemoval,
  departmentRemoval,
  renderAgents,
  renderDepartments,
} from './render-settings-people.js';
import type {FieldErrors} from './render-settings.js';
import {renderHoursForm, renderMailForm, renderWidgetForm} from './render-settings.js';
import {readFilesForm, renderChatsForm, renderFilesForm} from './render-settings-files.js';
import {EMAIL, USERNAME, departmentId, isTimeZone} from './settings-rules.js';
import {shared} from './shared.styles.js';
import {styles} from './settings.styles.js';
import {tableStyles} from './settings-table.styles.js';

/**
 * The Settings section (admins only): the widget's texts and colours, business hours, email,
 * how long files are kept, agent accounts and departments. Each part is its own form with a status line; what the
 * server refuses is shown next to the field it names.
 * @fires lc-agent-admin - A form is submitted or an agent removed. Detail: an `AdminIntent`.
 */
export class LcAgentSettings extends LitElement {
  static override styles = [shared, styles, tableStyles];

  /** Forms to empty once their save succeeds (a refused one keeps what was typed). */
  private readonly resetOnSuccess = new Map<string, {form: HTMLFormElement; sent: unknown}>();

  private readonly people: PeopleHandlers = {
    addAgent: (e) => this.handleAddAgent(e),
    removeAgent: (username) =>
      this.confirm(agentRemoval(username), () => this.send({action: 'remove-agent', username})),
    toggleReset: (username) => {
      this.resetting = this.resetting === username ? null : username;
    },
    resetPassword: (e, username) => this.handleResetPassword(e, username),
    saveDepartments: (e) => this.handleSaveDepartments(e),
    addDepartment: (e) => this.handleAddDepartment(e),
    removeDepartment: (id) => {
      const all = () => this.state?.settings?.departments ?? [];
      const name = all().find((d) => d._id === id)?.name ?? id;
      // The list as it is once confirmed: the settings may have changed while the dialog was up.
      this.confirm(departmentRemoval(name), () =>
        this.saveDepartments(all().filter((d) => d._id !== id)),
      );
    },
  };

  /** Errors found before sending, by input id. */
  @state() private localErrors: FieldErrors = {};
  /** The agent whose password form is open. */
  @state() private resetting: string | null = null;

  /** Settings, accounts and each form's outcome. */
  @property({attribute: false}) state: AdminState | null = null;

  override updated(): void {
    for (const [key, {form, sent}] of this.resetOnSuccess) {
      // Only an outcome that came after the submit counts.
      const result = this.state === sent ? undefined : this.state?.forms[key];
      if (!result || result.busy) continue;
      if (!result.isError) form.reset();
      this.resetOnSuccess.delete(key);
    }
  }

  /** Asks first (an agent or a department removed cannot be brought back from here). */
  private confirm(request: ConfirmRequest, act: () => void): void {
    const dialog = this.renderRoot.querySelector('lc-agent-confirm-dialog');
    void dialog?.ask(request).then((isConfirmed) => isConfirmed && act());
  }

  private send(intent: AdminIntent): void {
    const init = {bubbles: true, composed: true, detail: intent};
    this.dispatchEvent(new CustomEvent('lc-agent-admin', init));
  }

  /** Shows `errors` (or sends when there are none) and moves focus to the first bad field. */
  private check(errors: Record<string, string>, form: HTMLFormElement): boolean {
    this.localErrors = errors;
    const first = Object.keys(errors)[0];
    if (first) {
      void this.updateComplete.then(() =>
        (form.querySelector(`#${CSS.escape(first)}`) as HTMLElement | null)?.focus(),
      );
    }
    return !first;
  }

  private handleWidget = (event: Event): void => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const keys = [
      'title',
      'color',
      'offlineTitle',
      'offlineColor',
      'offlineMessage',
      'offlineSuccessMessage',
      'registrationFormMessage',
      'conversationFinishedMessage',
      'transcriptMessage',
    ] as const;
    const values = Object.fromEntries(keys.map((k) => [k, String(data.get(k) ?? '').trim()]));
    const errors: Record<string, string> = {};
    if (!values.title) errors.title = 'Enter a title.';
    if (!values.offlineTitle) errors.offlineTitle = 'Enter a title for the offline form.';
    if (this.check(errors, form)) {
      this.send({
        action: 'save-settings',
        form: 'widget',
        values: values as Partial<AdminSettings>,
      });
    }
  };

  private handleMail = (event: Event): void => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const values = {
      offlineEmail: String(data.get('offlineEmail') ?? '').trim(),
      mailFrom: String(data.get('mailFrom') ?? '').trim(),
      smtpUrl: String(data.get('smtpUrl') ?? '').trim(),
    };
    const errors: Record<string, string> = {};
    if (values.offlineEmail && !EMAIL.test(values.offlineEmail)) {
      errors.offlineEmail = 'Enter an email address like shop@example.com, or leave it empty.';
    }
    if (!values.mailFrom) errors.mailFrom = 'Enter the sender, like Shop <shop@example.com>.';
    if (values.smtpUrl && !/^smtps?:\/\/\S+$/.test(values.smtpUrl)) {
      errors.smtpUrl = 'Enter a URL starting with smtp:// or smtps://, or leave it empty.';
    }
    if (this.check(errors, form)) this.send({action: 'save-settings', form: 'mail', values});
  };

  private handleHours = (event: Event): void => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const timeZone = String(data.get('timeZone') ?? '').trim();
    const errors: Record<string, string> = {};
    if (!isTimeZone(timeZone)) errors.timeZone = 'Enter a time zone such as Europe/Berlin.';
    const days: Partial<Record<Weekday, OpeningTime | null>> = {};
    for (const day of WEEKDAYS) {
      const open = String(data.get(`${day}-from`) ?? '');
      const close = String(data.get(`${day}-to`) ?? '');
      if (data.get(`${day}-open`) === null) {
        days[day] = null;
      } else if (!open || !close || close <= open) {
        errors[`${day}-to`] = 'Closing time must be after the opening time.';
      } else {
        days[day] = {open, close};
      }
    }
    const enabled = data.get('hours-enabled') !== null;
    if (this.check(errors, form)) {
      this.send({
        action: 'save-settings',
        form: 'hours',
        values: {businessHours: {enabled, timeZone, days}},
      });
    }
  };

  private handleFiles = (event: Event): void => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const {name, values, errors} = readFilesForm(form);
    if (this.check(errors, form)) this.send({action: 'save-settings', form: name, values});
  };

  private handleAddAgent(event: Event): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const username = String(data.get('new-username') ?? '').trim();
    const password = String(data.get('new-password') ?? '');
    const errors: Record<string, string> = {};
    if (!USERNAME.test(username)) {
      errors['new-username'] = 'Enter a username of letters, digits, dot, dash or underscore.';
    }
    if (password.length < 8) errors['new-password'] = 'Use at least 8 characters.';
    if (!this.check(errors, form)) return;
    this.send({
      action: 'add-agent',
      username,
      password,
      name: String(data.get('new-name') ?? '').trim(),
      admin: data.get('new-admin') !== null,
    });
    this.resetOnSuccess.set('add-agent', {form, sent: this.state});
  }

  private handleResetPassword(event: Event, username: string): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const password = String(new FormData(form).get(`pw-${username}`) ?? '');
    const short = password.length < 8;
    if (!this.check(short ? {[`pw-${username}`]: 'Use at least 8 characters.'} : {}, form)) return;
    this.send({action: 'reset-password', username, password});
    this.resetOnSuccess.set(`agent:${username}`, {form, sent: this.state});
  }

  private saveDepartments(departments: AdminDepartment[]): void {
    this.send({action: 'save-settings', form: 'departments', values: {departments}});
  }

  private handleSaveDepartments(event: Event): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const errors: Record<string, string> = {};
    const departments = (this.state?.settings?.departments ?? []).map((d, i) => {
      const name = String(data.get(`dept-${i}-name`) ?? '').trim();
      if (!name) errors[`dept-${i}-name`] = 'Enter a name.';
      const agents = (this.state?.agents ?? [])
        .map((a) => a.username)
        .filter((u) => data.get(`dept-${i}-agent-${u}`) !== null);
      return {...d, name, showOnRegistration: data.get(`dept-${i}-reg`) !== null, agents};
    });
    if (this.check(errors, form)) this.saveDepartments(departments);
  }

  private handleAddDepartment(event: Event): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const name = String(new FormData(form).get('new-department') ?? '').trim();
    if (!this.check(name ? {} : {'new-department': 'Enter a name.'}, form)) return;
    const current = this.state?.settings?.departments ?? [];
    this.saveDepartments([
      ...current,
      {_id: departmentId(name, current), name, showOnRegistration: true, agents: []},
    ]);
    this.resetOnSuccess.set('departments', {form, sent: this.state});
  }

  /** Local errors, plus the server's refusal shown on the field it names. */
  private errors(): FieldErrors {
    const errors: Record<string, string> = {...this.localErrors};
    for (const [form, result] of Object.entries(this.state?.forms ?? {})) {
      if (!result.isError || !result.field) continue;
      const id =
        form === 'add-agent'
          ? `new-${result.field}`
          : result.field === 'businessHours'
            ? 'timeZone'
            : result.field;
      errors[id] ??= result.message;
    }
    return errors;
  }

  override render() {
    const state = this.state;
    const settings = state?.settings;
    const errors = this.errors();
    return html`
      <header><h2>Settings</h2></header>
      <p class="note" role="status">
        ${
          state?.status === 'loading'
            ? 'Loading settings…'
            : state?.status === 'failed'
              ? 'Could not load the settings. Try again.'
              : ''
        }
      </p>
      ${
        settings && state
          ? html`
              ${renderWidgetForm(settings, errors, state.forms.widget, this.handleWidget)}
              ${renderHoursForm(settings, errors, state.forms.hours, this.handleHours)}
              ${renderMailForm(settings, errors, state.forms.mail, this.handleMail)}
              ${renderFilesForm(settings, errors, state.forms.files, this.handleFiles)}
              ${renderChatsForm(settings, errors, state.forms.chats, this.handleFiles)}
              ${renderAgents(state, errors, this.resetting, this.people)}
              ${renderDepartments(state, errors, this.people)}
            `
          : nothing
      }
      <lc-agent-confirm-dialog></lc-agent-confirm-dialog>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-agent-settings': LcAgentSettings;
  }
}
