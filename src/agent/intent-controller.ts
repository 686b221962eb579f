import type {ReactiveController, ReactiveControllerHost} from 'lit';

/** The element a console controller serves: `<lc-agent-app>`. */
export type IntentHost = ReactiveControllerHost &
  HTMLElement & {renderRoot: HTMLElement | DocumentFragment};

/**
 * A controller of `<lc-agent-app>` that handles some of the views' intents: it listens for
 * them on the app's shadow root while the app is connected, and lets go of its session after.
 */
export abstract class IntentController implements ReactiveController {
  constructor(protected readonly host: IntentHost) {
    host.addController(this);
  }

  hostConnected(): void {
    for (const [name, handler] of this.listeners()) {
      this.host.renderRoot.addEventListener(name, handler);
    }
  }

  hostDisconnected(): void {
    for (const [name, handler] of this.listeners()) {
      this.host.renderRoot.removeEventListener(name, handler);
    }
    this.release();
  }

  /** The intents handled, by event name. */
  protected abstract listeners(): [string, EventListener][];

  /** Drops the session's models (the app left the page). */
  protected abstract release(): void;
}
