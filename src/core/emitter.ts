/** Receives one event's detail. */
export type Listener<T> = (detail: T) => void;

/** What `[Symbol.observable]().subscribe()` delivers: the event name and its detail. */
export interface EmitterEvent<Events extends object> {
  type: keyof Events & string;
  detail: Events[keyof Events];
}

/** A minimal ES Observable observer (tc39 proposal): every callback is optional. */
export interface Observer<T> {
  next?(value: T): void;
  error?(error: unknown): void;
  complete?(): void;
}

/** Returned by `subscribe()`; `unsubscribe()` is idempotent. */
export interface Subscription {
  unsubscribe(): void;
  readonly closed: boolean;
}

/** The interop object `[Symbol.observable]()` returns (what RxJS `from()` accepts). */
export interface InteropObservable<T> {
  subscribe(observer: Observer<T> | ((value: T) => void)): Subscription;
  [Symbol.observable](): InteropObservable<T>;
}

declare global {
  interface SymbolConstructor {
    readonly observable: unique symbol;
  }
}

/**
 * `Symbol.observable` where the page has it, else the `'@@observable'` string RxJS and Redux also
 * fall back to; typed as the symbol so `client[Symbol.observable]()` compiles.
 */
export const observableSymbol: typeof Symbol.observable = ((typeof Symbol === 'function' &&
  Symbol.observable) ||
  '@@observable') as typeof Symbol.observable;

/** Options of an `Emitter`. */
export interface EmitterOptions {
  /** What `error` carries when a listener throws (by default the thrown value itself). */
  wrapError?: (error: unknown) => unknown;
}

/**
 * Typed event emitter: `on()` returns an unsubscribe function, and a throwing listener is
 * reported (through `error` by default) without stopping the listeners after it.
 */
export class Emitter<Events extends object> {
  // `#` rather than `private`: in the first download, the minifier shortens these names.
  readonly #listeners = new Map<keyof Events, Set<Listener<never>>>();
  readonly #observers = new Set<Observer<EmitterEvent<Events>>>();
  readonly #wrapError: (error: unknown) => unknown;

  constructor(options: EmitterOptions = {}) {
    this.#wrapError = options.wrapError ?? ((error) => error);
  }

  /** Adds a listener; the returned function removes it. */
  on<K extends keyof Events>(name: K, fn: Listener<Events[K]>): () => void {
    let set = this.#listeners.get(name);
    if (!set) this.#listeners.set(name, (set = new Set()));
    set.add(fn as Listener<never>);
    return () => this.off(name, fn);
  }

  /** Removes a listener added with `on()`. */
  off<K extends keyof Events>(name: K, fn: Listener<Events[K]>): void {
    const set = this.#listeners.get(name);
    set?.delete(fn as Listener<never>);
    if (set?.size === 0) this.#listeners.delete(name);
  }

  /** Adds a listener that runs at most once. */
  once<K extends keyof Events>(name: K, fn: Listener<Events[K]>): () => void {
    const off = this.on(name, (detail) => {
      off();
      fn(detail);
    });
    return off;
  }

  /**
   * Tells every observable subscriber, then calls every listener of `name`, each in the order
   * they were added: an element that re-emits the client's events through a subscription is
   * up to date before any listener runs.
   */
  emit<K extends keyof Events>(name: K, detail: Events[K]): void {
    const type = name as keyof Events & string;
    const toObservers = [...this.#observers].map(
      (observer) => () => observer.next?.({type, detail}),
    );
    // Copies, so subscribers added or removed during the loop do not change this round.
    for (const fn of [...toObservers, ...(this.#listeners.get(name) ?? [])]) {
      try {
        (fn as Listener<Events[K]>)(detail);
      } catch (error) {
        this.#reportListenerError(error, name);
      }
    }
  }

  /** Whether `name` has at least one listener. */
  hasListeners(name: keyof Events): boolean {
    return (this.#listeners.get(name)?.size ?? 0) > 0;
  }

  /** Removes every listener and completes every observable subscription. */
  clear(): void {
    this.#listeners.clear();
    const observers = [...this.#observers];
    this.#observers.clear();
    for (const observer of observers) observer.complete?.();
  }

  /** An observable of every event as `{type, detail}`. */
  [observableSymbol](): InteropObservable<EmitterEvent<Events>> {
    const observable: InteropObservable<EmitterEvent<Events>> = {
      subscribe: (observerOrNext) => {
        const observer: Observer<EmitterEvent<Events>> =
          typeof observerOrNext === 'function' ? {next: observerOrNext} : observerOrNext;
        this.#observers.add(observer);
        const observers = this.#observers;
        return {
          unsubscribe: () => void observers.delete(observer),
          get closed() {
            return !observers.has(observer);
          },
        };
      },
      [observableSymbol]: () => observable,
    };
    return observable;
  }

  #reportListenerError(error: unknown, name: keyof Events): void {
    const errorName = 'error' as keyof Events;
    if (name !== errorName && this.hasListeners(errorName)) {
      this.emit(errorName, {error: this.#wrapError(error)} as Events[keyof Events]);
      return;
    }
    // Nobody to tell: rethrow outside the loop, as EventTarget does, so the bug still surfaces.
    queueMicrotask(() => {
      throw error;
    });
  }
}
