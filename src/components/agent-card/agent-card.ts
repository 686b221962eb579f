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

/** Where the agent's picture stands; initials show until it has loaded, and instead of it. */
type ImageState = 'loading' | 'loaded' | 'broken';

/**
 * Who serves the chat: avatar, name and presence. Shown in the window header. The picture
 * (`<server>/avatar/<username>`) stays hidden behind the initials until it has loaded, and a
 * picture that fails to load leaves the initials, so a broken image never shows.
 */
@localized()
export class LcAgentCard extends LitElement {
  static override styles = [sharedStyles, styles];

  @state() private imageState: ImageState = 'loading';

  /** The serving agent. */
  @property({attribute: false}) agent: AgentInfo | null = null;

  override willUpdate(changed: PropertyValues<this>): void {
    const previous = changed.get('agent') as AgentInfo | null | undefined;
    if (changed.has('agent') && previous?.avatarUrl !== this.agent?.avatarUrl) {
      this.imageState = 'loading';
    }
  }

  private handleImageLoad(): void {
    this.imageState = 'loaded';
  }

  private handleImageError(): void {
    this.imageState = 'broken';
  }

  override render() {
    const agent = this.agent;
    if (!agent) return nothing;
    const name = agent.name || agent.username;
    const status = statusText(agent.status);
    const state = this.imageState;
    const showsImage = Boolean(agent.avatarUrl) && state !== 'broken';
    // The name next to it already tells who this is, so assistive technology skips the avatar;
    // the picture's alt text still names the agent wherever images are not shown.
    return html`<div class="card ${agent.status ?? ''}">
      <span class="avatar" aria-hidden="true">
        ${state === 'loaded' && showsImage ? nothing : html`<span>${initials(name)}</span>`}
        ${
          showsImage
            ? html`<img
                src=${agent.avatarUrl!}
                alt=${name}
                ?hidden=${state !== 'loaded'}
                @load=${this.handleImageLoad}
                @error=${this.handleImageError}
              />`
            : nothing
        }
      </span>
      <span class="text">
        <bdi class="name" title=${name}>${name}</bdi>
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
