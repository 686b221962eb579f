import WebSocket from 'ws';

/** A `changed` frame's collection and fields, with the time its socket event fired. */
export type ChangedListener = (collection: string, fields: Record<string, any>, at: number) => void;

/** The bench's minimal DDP client: connect, answer pings, call methods, subscribe. */
export interface BenchDdp {
  readonly ws: WebSocket;
  /** Pings the server sent and this client answered. */
  readonly pongs: () => number;
  call(method: string, params: unknown[]): Promise<any>;
  /** Resolves on `ready`, rejects on `nosub`. */
  sub(name: string, params: unknown[]): Promise<void>;
  close(): void;
}

let nextId = 0;

/** Opens `/websocket`, sends `connect` and resolves once the server answered `connected`. */
export function openDdp(
  wsUrl: string,
  onChanged?: ChangedListener,
  localAddress?: string,
): Promise<BenchDdp> {
  return new Promise((resolve, reject) => {
    // Several loopback source addresses (127.0.0.x) give more than one range of client ports.
    const ws = new WebSocket(wsUrl, {perMessageDeflate: false, localAddress});
    const pending = new Map<string, {resolve(v: any): void; reject(e: Error): void}>();
    let pongs = 0;
    const client: BenchDdp = {
      ws,
      pongs: () => pongs,
      call(method, params) {
        const id = `m${nextId++}`;
        ws.send(JSON.stringify({msg: 'method', id, method, params}));
        return new Promise((res, rej) => pending.set(id, {resolve: res, reject: rej}));
      },
      sub(name, params) {
        const id = `s${nextId++}`;
        ws.send(JSON.stringify({msg: 'sub', id, name, params}));
        return new Promise((res, rej) => pending.set(id, {resolve: res, reject: rej}));
      },
      close: () => ws.terminate(),
    };
    ws.on('open', () => ws.send('{"msg":"connect","version":"1","support":["1"]}'));
    ws.on('message', (data) => {
      const at = performance.now();
      const frame = JSON.parse(String(data));
      switch (frame.msg) {
        case 'connected':
          resolve(client);
          return;
        case 'ping':
          pongs++;
          ws.send(JSON.stringify({msg: 'pong', ...(frame.id === undefined ? {} : {id: frame.id})}));
          return;
        case 'changed':
          onChanged?.(frame.collection, frame.fields ?? {}, at);
          return;
        case 'result': {
          const call = pending.get(frame.id);
          pending.delete(frame.id);
          if (frame.error) call?.reject(new Error(`${frame.id}: ${JSON.stringify(frame.error)}`));
          else call?.resolve(frame.result);
          return;
        }
        case 'ready':
          for (const id of frame.subs ?? []) {
            pending.get(id)?.resolve(undefined);
            pending.delete(id);
          }
          return;
        case 'nosub':
          pending.get(frame.id)?.reject(new Error(`nosub ${JSON.stringify(frame.error)}`));
          pending.delete(frame.id);
      }
    });
    ws.on('error', reject);
    ws.on('close', (code, why) => {
      reject(new Error(`closed before connected (${code} ${why})`));
      for (const call of pending.values()) call.reject(new Error('socket closed'));
      pending.clear();
    });
  });
}

/** Runs `task` over `items` with at most `limit` in flight; results keep their order. */
export async function pool<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<PromiseSettledResult<R>[]> {
  const results: PromiseSettledResult<R>[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      try {
        results[i] = {status: 'fulfilled', value: await task(items[i], i)};
      } catch (reason) {
        results[i] = {status: 'rejected', reason};
      }
    }
  };
  await Promise.all(Array.from({length: Math.min(limit, items.length)}, worker));
  return results;
}
