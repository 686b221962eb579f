import type {DdpFrame} from '../protocol/index.js';
import {DdpCallError} from './ddp-error.js';

interface PendingCall {
  frame: {msg: 'method'; id: string; method: string; params: unknown[]};
  isSent: boolean;
  resolve(result: unknown): void;
  reject(error: DdpCallError): void;
}

/** The error a call gets when the link drops (or closes) before its result. */
export const disconnectedError = () =>
  new DdpCallError({error: 'disconnected', reason: 'Connection lost'});

/** Method calls of one `DdpConnection` waiting to be sent or answered. */
export class DdpCalls {
  readonly #calls = new Map<string, PendingCall>();

  readonly #send: (frame: object) => void;

  constructor(send: (frame: object) => void) {
    this.#send = send;
  }

  /** Registers a call under `id`; sends it now if `isConnected`, else on `sendUnsent()`. */
  add(id: string, method: string, params: unknown[], isConnected: boolean): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const frame = {msg: 'method' as const, id, method, params};
      const call: PendingCall = {frame, isSent: false, resolve, reject};
      this.#calls.set(id, call);
      if (isConnected) this.#sendCall(call);
    });
  }

  /** Sends every call queued while disconnected. */
  sendUnsent(): void {
    for (const call of this.#calls.values()) if (!call.isSent) this.#sendCall(call);
  }

  /** Handles `result`. */
  handleResult(frame: Extract<DdpFrame, {msg: 'result'}>): void {
    const call = this.#calls.get(frame.id);
    if (!call) return;
    this.#calls.delete(frame.id);
    if (frame.error) call.reject(new DdpCallError(frame.error));
    else call.resolve(frame.result);
  }

  /** The link dropped: calls already sent can no longer be answered. */
  rejectSent(): void {
    for (const [id, call] of this.#calls) {
      if (!call.isSent) continue;
      this.#calls.delete(id);
      call.reject(disconnectedError());
    }
  }

  /** The connection closed for good: every call fails. */
  rejectAll(): void {
    for (const call of this.#calls.values()) call.reject(disconnectedError());
    this.#calls.clear();
  }

  #sendCall(call: PendingCall): void {
    call.isSent = true;
    this.#send(call.frame);
  }
}
