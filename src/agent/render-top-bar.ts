import {html, type TemplateResult} from 'lit';
import {APP_TITLE} from './attention.js';
import type {ConsoleSnapshot} from './types.js';

const AWAY = 'You are away: new chats go to other agents or wait in the queue.';

/** What the console's top bar shows, and what its buttons call. */
export interface TopBar {
  isAvailable: boolean;
  name: string;
  avatarSrc: string;
  avatarStatus: 'idle' | 'sending' | 'failed';
  /** The "Sound" switch (`ConsoleTools.renderSound`). */
  sound: TemplateResult;
  /** The less-used tools' buttons (`ConsoleTools.renderButtons`). */
  tools: TemplateResult;
  onChangePicture: () => void;
  onAvailability: () => void;
  onLogout: () => void;
}

/**
 * The top bar: title, availability switch, the agent's picture, sound, the tools and "Log out".
 * On a phone the tools and "Log out" fold behind "More" (`<lc-agent-more-menu>`), where
 * "Change picture" joins them in place of the picture's own pencil.
 */
export function renderTopBar(bar: TopBar) {
  return html`<header class="top">
    <h1>${APP_TITLE}</h1>
    <button
      type="button"
      class="switch"
      role="switch"
      aria-checked=${String(bar.isAvailable)}
      @click=${bar.onAvailability}
    >
      <span class="dot" aria-hidden="true"></span>Available
    </button>
    <lc-agent-avatar
      name=${bar.name}
      src=${bar.avatarSrc}
      ?busy=${bar.avatarStatus === 'sending'}
      error=${bar.avatarStatus === 'failed' ? 'Could not change the picture.' : ''}
    >
    </lc-agent-avatar>
    ${bar.sound}
    <lc-agent-more-menu>
      <button type="button" class="change-picture" @click=${bar.onChangePicture}>
        Change picture
      </button>
      ${bar.tools}
      <button type="button" class="logout" @click=${bar.onLogout}>Log out</button>
    </lc-agent-more-menu>
  </header>`;
}

/**
 * The line under the top bar: a lost connection (which any failure then is about), else a
 * notice, else that the agent is away.
 */
export function renderBanner(notice: string, snapshot: ConsoleSnapshot | null) {
  const {connection, isAvailable} = snapshot ?? {};
  const isLost = connection === 'reconnecting' || connection === 'disconnected';
  const status = notice || (isAvailable === false ? AWAY : '');
  // No space around the text: an empty banner takes no room (`.banner:empty`).
  const text = isLost ? 'Connection lost. Reconnecting…' : status;
  return html`<p class="banner" role="status">${text}</p>`;
}
