import type {ChatClientEventName, ChatClientEvents} from '../core/index.js';

/** Detail of `lc-send`: the visitor submits a message. */
export interface LcSendDetail {
  text: string;
}

/** Detail of `lc-toggle-window`: `open` forces a state; without it the window toggles. */
export interface LcToggleWindowDetail {
  open?: boolean;
}

/** Detail of `lc-retry-message`: the id of the failed message to send again. */
export interface LcRetryMessageDetail {
  id: string;
}

/** Detail of events that carry nothing but their name. */
export type LcEmptyDetail = Record<string, never>;

/** Intents: fired by views, handled and stopped by `<live-chat>`; the page never sees them. */
export interface LcIntentDetails {
  'lc-send': LcSendDetail;
  'lc-toggle-window': LcToggleWindowDetail;
  'lc-retry-message': LcRetryMessageDetail;
  'lc-end-chat': LcEmptyDetail;
  'lc-start-chat': LcEmptyDetail;
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
