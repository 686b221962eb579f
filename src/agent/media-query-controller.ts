import type {ReactiveController, ReactiveControllerHost} from 'lit';

/** Options of `MediaQueryController`. */
export interface MediaQueryOptions {
  /** A media query, e.g. `(max-width: 1100px)`. */
  query: string;
}

/** Whether a media query matches; the host renders again when that changes. */
export class MediaQueryController implements ReactiveController {
  private readonly list: MediaQueryList;
  /** The query matches now. */
  matches: boolean;

  constructor(
    private readonly host: ReactiveControllerHost,
    options: MediaQueryOptions,
  ) {
    this.list = matchMedia(options.query);
    this.matches = this.list.matches;
    host.addController(this);
  }

  hostConnected(): void {
    this.list.addEventListener('change', this.handleChange);
    this.matches = this.list.matches;
  }

  hostDisconnected(): void {
    this.list.removeEventListener('change', this.handleChange);
  }

  private handleChange = (): void => {
    this.matches = this.list.matches;
    this.host.requestUpdate();
  };
}
