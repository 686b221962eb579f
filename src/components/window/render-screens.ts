import {html, nothing} from 'lit';
import type {TemplateResult} from 'lit';
import {msg} from '@lit/localize';
import type {
  ConnectionState,
  Message,
  QueueInfo,
  RcConfig,
  SessionState,
  VisitorInfo,
} from '../../core/index.js';
import type {UploadsView} from '../../controllers/uploads-controller.js';
import type {FormStates} from '../forms/form-status.js';

/** What the window's screens are drawn from (the window's own properties). */
export interface ScreenView {
  state: SessionState;
  connection: ConnectionState;
  messages: readonly Message[];
  agentTyping: boolean;
  seenId: string | null;
  disabled: boolean;
  config: RcConfig | null;
  visitor: VisitorInfo | null;
  queue: QueueInfo | null;
  transcriptOffered: boolean;
  forms: FormStates;
  guestName: string;
  guestEmail: string;
  department: string;
  uploads: UploadsView;
}

const MESSAGE_PARTS = 'messages, message, message-agent, message-visitor, message-system';

function renderLog(view: ScreenView, withTyping = true): TemplateResult {
  return html`<lc-message-list
    exportparts=${MESSAGE_PARTS}
    .messages=${view.messages}
    .seenId=${view.seenId}
    ?agent-typing=${withTyping && view.agentTyping}
  ></lc-message-list>`;
}

function notice(view: ScreenView): string {
  if (view.connection === 'failed') {
    return msg('The chat server refused the connection. Please reload the page later.', {
      id: 'window.connection-failed',
      desc: 'Status line when the server refused the live connection for good (no more retries).',
    });
  }
  if (view.connection === 'reconnecting') {
    return msg('Connection lost. Reconnecting…', {
      id: 'window.reconnecting',
      desc: 'Status line while the connection to the server is being restored.',
    });
  }
  // Rocket.Chat's `showConnecting`: say so until an agent joins (unless a queue place shows).
  const isWaiting = view.state === 'connecting' && !view.queue;
  if (isWaiting && view.config?.settings?.showConnecting === true) {
    return msg('Connecting…', {id: 'window.connecting', desc: 'Status while a chat starts.'});
  }
  return '';
}

/** Whether the visitor can send files now: the server takes them and the chat takes messages. */
export function canTakeFiles(view: ScreenView): boolean {
  const isChat = view.state === 'idle' || view.state === 'connecting' || view.state === 'active';
  return isChat && !view.disabled && view.config?.settings?.fileUpload !== false;
}

/** The chat: queue place, messages, status line, uploads and composer. */
export function renderConversation(view: ScreenView): TemplateResult {
  return html`
    <lc-queue-banner .queue=${view.state === 'connecting' ? view.queue : null}></lc-queue-banner>
    ${renderLog(view)}
    <div class="status" role="status">${notice(view)}</div>
    <lc-upload-list .view=${view.uploads}></lc-upload-list>
    <lc-composer
      exportparts="composer"
      ?disabled=${view.disabled}
      ?can-attach=${canTakeFiles(view)}
    ></lc-composer>
  `;
}

/** The question before the chat ends, with "End chat" and "Cancel". */
export function renderEndConfirm(onConfirm: () => void, onCancel: () => void): TemplateResult {
  return html`<div class="confirm" role="group" aria-labelledby="confirm-text">
    <p id="confirm-text">
      ${msg('Do you want to end this chat?', {
        id: 'window.confirm-end',
        desc: 'Question before the chat is ended.',
      })}
    </p>
    <button class="button button-primary" type="button" @click=${onConfirm}>
      ${msg('End chat', {id: 'window.end', desc: 'Button that ends the conversation.'})}
    </button>
    <button class="button button-secondary cancel" type="button" @click=${onCancel}>
      ${msg('Cancel', {id: 'window.cancel', desc: 'Keeps the chat going.'})}
    </button>
  </div>`;
}

/** Shown over the window while files are dragged onto it. */
export function renderDropOverlay(isDragging: boolean): TemplateResult {
  return html`<div class="drop" ?hidden=${!isDragging}>
    <p>
      ${msg('Drop files here to send them', {
        id: 'window.drop',
        desc: 'Shown over the chat window while the visitor drags files onto it.',
      })}
    </p>
  </div>`;
}

/** The pre-chat form, below any greeting a trigger showed. */
export function renderRegistration(view: ScreenView): TemplateResult {
  return html`<div class="scroll">
    ${view.messages.length > 0 ? renderLog(view, false) : nothing}
    <lc-registration-form
      exportparts="form"
      .config=${view.config}
      .guestName=${view.guestName}
      .guestEmail=${view.guestEmail}
      .department=${view.department}
      .submission=${view.forms.register}
    ></lc-registration-form>
  </div>`;
}

/** No agent online: the offline form, or the server's "unavailable" text when it is off. */
export function renderOffline(view: ScreenView): TemplateResult {
  const settings = view.config?.settings;
  if (settings?.displayOfflineForm === false) {
    const text =
      view.config?.messages?.offlineUnavailableMessage ||
      msg('No agent is available right now.', {
        id: 'window.offline',
        desc: 'Shown when no agent is online to take the chat.',
      });
    return html`<div class="placeholder"><p dir="auto">${text}</p></div>`;
  }
  return html`<div class="scroll">
    <lc-offline-form
      exportparts="form"
      .config=${view.config}
      .guestName=${view.visitor?.name || view.guestName}
      .guestEmail=${view.visitor?.email || view.guestEmail}
      .submission=${view.forms.offline}
    ></lc-offline-form>
  </div>`;
}

/** The chat is over: the transcript so far, then the finished panel. */
export function renderFinished(view: ScreenView): TemplateResult {
  return html`
    ${renderLog(view, false)}
    <lc-finished
      exportparts="form"
      .config=${view.config}
      .email=${view.visitor?.email || view.guestEmail}
      ?transcript-offered=${view.transcriptOffered}
      .forms=${view.forms}
    ></lc-finished>
  `;
}
