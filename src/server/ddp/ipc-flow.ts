/** Tells the other side that one batch it sent has been handled (see `InFlight`). */
export interface Ack {
  t: 'ack';
}

/** Whether a batch asks for an `ack`: any batch with something other than acks in it. */
export function wantsAck(batch: readonly {t: string}[]): boolean {
  return batch.some((message) => message.t !== 'ack');
}

/**
 * The characters of each socket's frames that one side of the IPC between the core and a socket
 * process has sent and the other has not handled yet. Node's IPC has no backpressure: a channel
 * whose reader falls behind queues without limit in the writer's memory, then again in the
 * reader's as it parses. So the receiver acknowledges each batch (`wantsAck`) once it has
 * handled it, and the sender counts what is outstanding per socket and in all; IPC keeps order,
 * so the acks come back in the order the batches went.
 */
export class InFlight {
  private readonly perSocket = new Map<number, number>();
  /** The counts of the batch being gathered, then of each batch sent, oldest first. */
  private current = new Map<number, number>();
  private readonly sent: Map<number, number>[] = [];
  private totalChars = 0;

  /** Everything outstanding, all sockets together. */
  get total(): number {
    return this.totalChars;
  }

  /** What one socket has outstanding. */
  of(id: number): number {
    return this.perSocket.get(id) ?? 0;
  }

  /** Counts a message for a socket into the batch being gathered. */
  add(id: number, chars: number): void {
    this.current.set(id, (this.current.get(id) ?? 0) + chars);
    this.perSocket.set(id, this.of(id) + chars);
    this.totalChars += chars;
  }

  /** The batch gathered since the last one has been sent; call it only for a `wantsAck` one. */
  sealed(): void {
    this.sent.push(this.current);
    this.current = new Map();
  }

  /** The oldest batch sent has been handled: its counts are released. */
  acked(): void {
    const batch = this.sent.shift();
    if (!batch) return;
    for (const [id, chars] of batch) {
      this.totalChars -= chars;
      const left = this.of(id) - chars;
      if (left > 0) this.perSocket.set(id, left);
      else this.perSocket.delete(id);
    }
  }
}
