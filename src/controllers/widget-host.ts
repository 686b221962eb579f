import type {ReactiveControllerHost} from 'lit';
import type {LiveChatClient} from '../core/index.js';

/**
 * What the window's controllers use of `<live-chat>`. An interface, not the class: the window's
 * chunk never imports the element's module, which loads that chunk.
 */
export interface WidgetElement extends HTMLElement {
  readonly client: LiveChatClient | null;
  /** The `server` attribute: it names the tab locks and the stored notification choice. */
  readonly server: string;
  /** Silenced (`no-sound`). */
  readonly noSound: boolean;
  /** Visitor name the page gave (`guest-name`). */
  readonly guestName?: string;
  /** Visitor email the page gave (`guest-email`). */
  readonly guestEmail?: string;
  /** Whether the window is open. */
  readonly open: boolean;
  /** Opens the window. */
  show(): void;
}

/**
 * The host of the window's controllers: the chat window inside `<live-chat>`, which runs their
 * lifecycle, and the element whose client, settings and events they follow.
 */
export interface WidgetHost extends ReactiveControllerHost {
  /** The `<live-chat>` element, where the `lc-*` events fire. */
  readonly shell: WidgetElement;
  /** The element's client. */
  readonly client: LiveChatClient | null;
  /** Where the views' intents arrive: the element's shadow root. */
  readonly intentRoot: ShadowRoot;
}
