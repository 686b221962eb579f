import {LitElement, html, nothing} from 'lit';
import type {PropertyValues} from 'lit';
import {property, state} from 'lit/decorators.js';
import {localized, msg} from '@lit/localize';
import type {AgentInfo} from '../../core/index.js';
import {sharedStyles} from '../../styles/shared.styles.js';
import {styles} from './agent-card.styles.js';

/** Up to two initials of a name ("Ada Lovelace" → "AL"), whole characters, never halves. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = [words[0], words.length > 1 ? words.at(-1) : undefined]
    .map((word) => (word ? (Array.from(word)[0] ?? '') : ''))
    .join('');
  return letters.toLocaleUpperCase();
}

function statusText(status: string | undefined): string {
  switch (status) {
    case 'online':
      return msg('Online', {id: 'agent-card.online', desc: 'Agent presence: online.'});
    case 'away':
      return msg('Away', {id: 'agent-card.away', desc: 'Agent presence: away.'});
    case 'busy':
      return msg('Busy', {id: 'agent-card.busy', desc: 'Agent presence: busy.'});
    case 'offline':
      return msg('Offline', {id: 'agent-card.offline', desc: 'Agent presence: offline.'});
    default:
      return '';
  }
}

/**
 * Who serves the chat: avatar (initials while the picture is missing or broken), name and
 * presence. Shown in the window header.
 */
@localized()
export class LcAgentCard extends LitElement {
  static override styles = [sharedStyles, styles];

  @state() private isImageBroken = false;

  /** The serving agent. */
  @property({attribute: false}) agent: AgentInfo | null = null;

  override willUpdate(changed: PropertyValues<this>): void {
    const previous = changed.get('agent') as AgentInfo | null | undefined;
    if (changed.has('agent') && previous?.avatarUrl !== this.agent?.avatarUrl) {
      this.isImageBroken = false;
    }
  }

  private handleImageError(): void {
    this.isImageBroken = true;
  }

  override render() {
    const agent = this.agent;
    if (!agent) return nothing;
    const name = agent.name || agent.username;
    const status = statusText(agent.status);
    const hasImage = Boolean(agent.avatarUrl) && !this.isImageBroken;
    return html`<div class="card ${agent.status ?? ''}">
      <span class="avatar" aria-hidden="true">
        ${hasImage
          ? html`<img src=${agent.avatarUrl!} alt="" @error=${this.handleImageError} />`
          : initials(name)}
      </span>
      <span class="text">
        <bdi class="name">${name}</bdi>
        ${status ? html`<span class="status"><span class="dot"></span>${status}</span>` : nothing}
      </span>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-agent-card': LcAgentCard;
  }
}
