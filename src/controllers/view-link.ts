import type {ReactiveController, ReactiveControllerHost} from 'lit';
import {emit} from '../events/emit.js';
import type {LcSaveViewDetail} from '../events/events.js';

/** A part of the view that survives a page change. */
export type ViewKey = keyof LcSaveViewDetail;

/**
 * Ties one field of a view (the composer's draft, the log's scroll position) to the visitor's
 * session: `save()` reports it up to `<live-chat>` (`lc-save-view`), and `apply` receives the
 * restored value (`lc-request-view`), at once or when a restore comes later.
 */
export class ViewLink<K extends ViewKey> implements ReactiveController {
  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly key: K,
    private readonly apply: (value: Exclude<LcSaveViewDetail[K], undefined>) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    emit(this.host, 'lc-request-view', {receive: this.receive});
  }

  /** Reports the current value. */
  save(value: Exclude<LcSaveViewDetail[K], undefined>): void {
    emit(this.host, 'lc-save-view', {[this.key]: value});
  }

  // One function per link, so asking again after a reconnect does not subscribe twice.
  private readonly receive = (view: LcSaveViewDetail): void => {
    const value = view[this.key];
    if (value !== undefined) this.apply(value as Exclude<LcSaveViewDetail[K], undefined>);
  };
}
