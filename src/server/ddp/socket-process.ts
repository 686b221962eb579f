import type {IncomingHttpHeaders, IncomingMessage} from 'node:http';
import type {Socket} from 'node:net';
import {WebSocketServer, type WebSocket} from 'ws';
import {MAX_BUFFERED_BYTES, WS_OPTIONS} from './connection.js';
import {ipcBatcher} from './ipc-batch.js';

/** The core hands a socket process a TCP socket with this, alone (socket-processes.ts). */
export interface AdoptMessage {
  t: 'adopt';
  id: number;
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  /** The upgrade's first bytes after its headers, base64. */
  head: string;
}

/** What the core tells a socket process about its sockets, batched (ipc-batch.ts). */
export type CoreToEdge =
  | {t: 'send'; id: number; text: string}
  | {t: 'close'; id: number; code: number; reason: string}
  | {t: 'terminate'; id: number};

/** What a socket process tells the core, batched. */
export type EdgeToCore =
  {t: 'message'; id: number; text: string; binary: boolean} | {t: 'gone'; id: number};

/**
 * A socket process: answers the WebSocket handshakes the core hands over with their TCP
 * sockets, and relays frames both ways. It keeps no chat state, so when it dies the core
 * closes its sessions and the clients reconnect (to another process).
 */
function run(): void {
  const wss = new WebSocketServer({noServer: true, ...WS_OPTIONS});
  const sockets = new Map<number, WebSocket>();
  const {post} = ipcBatcher<EdgeToCore>((batch) => process.send?.(batch));

  const adopt = (message: AdoptMessage, socket: Socket | undefined) => {
    if (!socket) return post({t: 'gone', id: message.id});
    const {id, method, url, headers} = message;
    const request = {method, url, headers, socket} as unknown as IncomingMessage;
    // Before the handshake as after it: a socket that fails is simply gone.
    socket.on('error', () => socket.destroy());
    socket.on('close', () => sockets.has(id) || post({t: 'gone', id}));
    wss.handleUpgrade(request, socket, Buffer.from(message.head, 'base64'), (ws) => {
      sockets.set(id, ws);
      ws.on('message', (data, binary) => post({t: 'message', id, text: data.toString(), binary}));
      ws.on('close', () => {
        sockets.delete(id);
        post({t: 'gone', id});
      });
      ws.on('error', () => ws.terminate());
    });
  };

  const apply = (message: CoreToEdge) => {
    const ws = sockets.get(message.id);
    if (!ws) return;
    if (message.t === 'send') {
      // A client that stopped reading is dropped here, where its buffer is (docs/reliability.md L4).
      if (ws.bufferedAmount > MAX_BUFFERED_BYTES) ws.terminate();
      else ws.send(message.text);
    } else if (message.t === 'close') {
      ws.close(message.code, message.reason);
    } else {
      ws.terminate();
    }
  };

  process.on('message', (message: CoreToEdge[] | AdoptMessage, socket?: Socket) => {
    if (Array.isArray(message)) message.forEach(apply);
    else adopt(message, socket);
  });
  // The core is gone: nothing here is worth keeping.
  process.on('disconnect', () => process.exit(0));
}

if (process.send) run();
