import type {ChatClientEventName, ChatClientEvents, SessionView} from '../core/index.js';

/** Detail of `lc-send`: the visitor submits a message. */
export interface LcSendDetail {
  text: string;
}

/**
 * Detail of `lc-set-typing`: the visitor changed the draft (`isTyping`) or left the text box
 * (`isTyping: false`).
 */
export interface LcSetTypingDetail {
  draft: string;
  isTyping: boolean;
}

/** Detail of `lc-send-file`: the visitor picked, dropped or pasted a file to send. */
export interface LcSendFileDetail {
  file: File;
}

/** Detail of `lc-cancel-upload`: the upload to stop (an id of the uploads view). */
export interface LcCancelUploadDetail {
  id: string;
}

/** Detail of `lc-dismiss-upload-error`: the refused file's message to take away. */
export interface LcDismissUploadErrorDetail {
  id: string;
}

/** Detail of `lc-toggle-window`: `open` forces a state; without it the window toggles. */
export interface LcToggleWindowDetail {
  open?: boolean;
}

/** Detail of `lc-retry-message`: the id of the failed message to send again. */
export interface LcRetryMessageDetail {
  id: string;
}

/** Detail of `lc-register`: the registration form's answers (custom fields by field id). */
export interface LcRegisterDetail {
  name?: string;
  email?: string;
  department?: string;
  customFields?: Record<string, string>;
}

/** Detail of `lc-leave-message`: the offline form's answers. */
export interface LcLeaveMessageDetail {
  name: string;
  email: string;
  message: string;
  department?: string;
}

/** Detail of `lc-rate`: an answer per survey item (such as `'4'`), and the comment. */
export interface LcRateDetail {
  answers: Record<string, string>;
  comment?: string;
}

/** Detail of `lc-request-transcript`: where to send it. */
export interface LcRequestTranscriptDetail {
  email: string;
}

/** Detail of `lc-set-department`: the department id to switch to. */
export interface LcSetDepartmentDetail {
  department: string;
}

/** Detail of `lc-set-notifications`: whether the visitor wants desktop notifications. */
export interface LcSetNotificationsDetail {
  on: boolean;
}

/** Detail of `lc-save-view`: a part of the view to keep with the session (draft, scroll). */
export type LcSaveViewDetail = Partial<Pick<SessionView, 'draft' | 'scrollTop' | 'reading'>>;

/**
 * Detail of `lc-request-view`: a view asks for the restored draft or scroll position; `receive`
 * is called now if there is one, and again when a restore comes later.
 */
export interface LcRequestViewDetail {
  receive(view: LcSaveViewDetail): void;
}

/**
 * Detail of `lc-load-older`: the log's reader reached its top, and every message it has is
 * shown; `settle` is called once an older page arrived (false: there is none any more).
 */
export interface LcLoadOlderDetail {
  settle(hasMore: boolean): void;
}

/** Detail of events that carry nothing but their name. */
export type LcEmptyDetail = Record<string, never>;

/** Intents: fired by views, handled and stopped by `<live-chat>`; the page never sees them. */
export interface LcIntentDetails {
  'lc-send': LcSendDetail;
  'lc-set-typing': LcSetTypingDetail;
  'lc-send-file': LcSendFileDetail;
  'lc-cancel-upload': LcCancelUploadDetail;
  'lc-dismiss-upload-error': LcDismissUploadErrorDetail;
  'lc-toggle-window': LcToggleWindowDetail;
  'lc-retry-message': LcRetryMessageDetail;
  'lc-end-chat': LcEmptyDetail;
  'lc-start-chat': LcEmptyDetail;
  'lc-save-view': LcSaveViewDetail;
  'lc-request-view': LcRequestViewDetail;
  'lc-load-older': LcLoadOlderDetail;
  'lc-register': LcRegisterDetail;
  'lc-leave-message': LcLeaveMessageDetail;
  'lc-rate': LcRateDetail;
  'lc-request-transcript': LcRequestTranscriptDetail;
  'lc-set-department': LcSetDepartmentDetail;
  'lc-set-notifications': LcSetNotificationsDetail;
}

/** Public events on `<live-chat>`: every core event with the `lc-` prefix, plus open/close. */
export type LcPublicDetails = {
  [K in ChatClientEventName as `lc-${K}`]: ChatClientEvents[K];
} & {
  'lc-opened': LcEmptyDetail;
  'lc-closed': LcEmptyDetail;
};

/** Every `lc-*` event name with its detail type. */
export type LcEventDetails = LcIntentDetails & LcPublicDetails;

/** Every `lc-*` event name. */
export type LcEventName = keyof LcEventDetails;

type LcEventMap = {[K in LcEventName]: CustomEvent<LcEventDetails[K]>};

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface HTMLElementEventMap extends LcEventMap {}
}
