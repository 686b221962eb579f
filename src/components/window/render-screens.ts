import {html, nothing} from 'lit';
import type {TemplateResult} from 'lit';
import {msg} from '@lit/localize';
import type {ChatSnapshot} from '../../core/index.js';
import type {UploadsView} from '../../controllers/uploads-controller.js';
import type {FormStates} from '../forms/form-status.js';
import {registrationDepartments} from '../forms/registration-form.js';

/** What the page set on `<live-chat>` that the window shows or prefills. */
export interface WindowSettings {
  /** The title in the header, which also names the dialog. */
  heading: string;
  /** Disables the composer, e.g. while the widget has no server to talk to. */
  disabled: boolean;
  /** Name to prefill in forms (`guest-name`). */
  guestName: string;
  /** Email to prefill in forms (`guest-email`). */
  guestEmail: string;
  /** The department the page routes to (`department`). */
  department: string;
}

/** The part of the client's snapshot that the window shows. */
export type WindowChat = Pick<
  ChatSnapshot,
  | 'state'
  | 'connection'
  | 'config'
  | 'visitor'
  | 'agent'
  | 'queue'
  | 'messages'
  | 'agentTyping'
  | 'seenId'
  | 'transcriptOffered'
>;

/** No chat yet: what the window shows before the client has a snapshot. */
export const IDLE_CHAT: WindowChat = Object.freeze({
  state: 'idle',
  connection: 'disconnected',
  config: null,
  visitor: null,
  agent: null,
  queue: null,
  messages: Object.freeze([]),
  agentTyping: false,
  seenId: null,
  transcriptOffered: false,
});

/** No page settings: an untitled, enabled window with nothing to prefill. */
export const NO_SETTINGS: WindowSettings = Object.freeze({
  heading: '',
  disabled: false,
  guestName: '',
  guestEmail: '',
  department: '',
});

/** What the window's screens are drawn from: the client's snapshot and the page's settings. */
export interface ScreenView {
  chat: WindowChat;
  settings: WindowSettings;
  forms: FormStates;
  uploads: UploadsView;
}

/** The message list's parts, which the window exports in turn. */
export const MESSAGE_PARTS =
  'messages, message, message-agent, message-visitor, message-system, day-heading';

function renderLog({chat}: ScreenView, withTyping = true): TemplateResult {
  return html`<lc-message-list
    exportparts=${MESSAGE_PARTS}
    .messages=${chat.messages}
    .seenId=${chat.seenId}
    ?agent-typing=${withTyping && chat.agentTyping}
    .typingName=${chat.agent?.name || chat.agent?.username || ''}
  ></lc-message-list>`;
}

function notice({chat}: ScreenView): string {
  if (chat.connection === 'failed') {
    return msg('The chat server refused the connection. Please reload the page later.', {
      id: 'window.connection-failed',
      desc: 'Status line when the server refused the live connection for good (no more retries).',
    });
  }
  if (chat.connection === 'reconnecting') {
    return msg('Connection lost. Reconnecting…', {
      id: 'window.reconnecting',
      desc: 'Status line while the connection to the server is being restored.',
    });
  }
  // Rocket.Chat's `showConnecting`: say so until an agent joins (unless a queue place shows).
  const isWaiting = chat.state === 'connecting' && !chat.queue;
  if (isWaiting && chat.config?.settings?.showConnecting === true) {
    return msg('Connecting…', {id: 'window.connecting', desc: 'Status while a chat starts.'});
  }
  return '';
}

/** Whether the visitor can send files now: the server takes them and the chat takes messages. */
export function canTakeFiles({chat, settings}: ScreenView): boolean {
  const isChat = chat.state === 'idle' || chat.state === 'connecting' || chat.state === 'active';
  return isChat && !settings.disabled && chat.config?.settings?.fileUpload !== false;
}

/** Whether the greeting shows: in the conversation, until its first real message. */
export function showsWelcome({chat}: ScreenView): boolean {
  const isConversation = chat.state !== 'offline' && chat.state !== 'ended';
  // System lines such as "Ada joined the chat" do not end the welcome; a real message does.
  return isConversation && chat.state !== 'registering' && !chat.messages.some((m) => !m.type);
}

/** The departments the header offers to switch to (none unless allowed among several). */
export function switchableDepartments({chat}: ScreenView) {
  const isChatState =
    chat.state === 'idle' || chat.state === 'connecting' || chat.state === 'active';
  const departments = registrationDepartments(chat.config);
  const allowed = chat.config?.settings?.allowSwitchingDepartments === true;
  return allowed && isChatState && departments.length > 1 ? departments : [];
}

/** The chat: queue place, messages, status line, uploads and composer. */
export function renderConversation(view: ScreenView): TemplateResult {
  return html`
    <lc-queue-banner
      .queue=${view.chat.state === 'connecting' ? view.chat.queue : null}
    ></lc-queue-banner>
    ${renderLog(view)}
    <div class="status" role="status">${notice(view)}</div>
    <lc-upload-list .view=${view.uploads}></lc-upload-list>
    <lc-composer
      exportparts="composer"
      ?disabled=${view.settings.disabled}
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
  const {chat, settings} = view;
  return html`<div class="scroll">
    ${chat.messages.length > 0 ? renderLog(view, false) : nothing}
    <lc-registration-form
      exportparts="form"
      .config=${chat.config}
      .guestName=${settings.guestName}
      .guestEmail=${settings.guestEmail}
      .department=${settings.department}
      .submission=${view.forms.register}
    ></lc-registration-form>
  </div>`;
}

/** No agent online: the offline form, or the server's "unavailable" text when it is off. */
export function renderOffline({chat, settings, forms}: ScreenView): TemplateResult {
  if (chat.config?.settings?.displayOfflineForm === false) {
    const text =
      chat.config?.messages?.offlineUnavailableMessage ||
      msg('No agent is available right now.', {
        id: 'window.offline',
        desc: 'Shown when no agent is online to take the chat.',
      });
    return html`<div class="placeholder"><p dir="auto">${text}</p></div>`;
  }
  return html`<div class="scroll">
    <lc-offline-form
      exportparts="form"
      .config=${chat.config}
      .guestName=${chat.visitor?.name || settings.guestName}
      .guestEmail=${chat.visitor?.email || settings.guestEmail}
      .submission=${forms.offline}
    ></lc-offline-form>
  </div>`;
}

/** The chat is over: the transcript so far, then the finished panel. */
export function renderFinished(view: ScreenView): TemplateResult {
  const {chat} = view;
  return html`
    ${renderLog(view, false)}
    <lc-finished
      exportparts="form"
      .config=${chat.config}
      .email=${chat.visitor?.email || view.settings.guestEmail}
      ?transcript-offered=${chat.transcriptOffered}
      .forms=${view.forms}
    ></lc-finished>
  `;
}
