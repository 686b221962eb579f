import type {IncomingHttpHeaders, IncomingMessage} from 'node:http';
import type {Socket} from 'node:net';
import {WebSocketServer, type RawData, type WebSocket} from 'ws';
import {MAX_BUFFERED_BYTES, WS_OPTIONS} from './connection.js';
import {ipcBatcher} from './ipc-batch.js';
import {InFlight, wantsAck, type Ack} from './ipc-flow.js';

/**
 * A socket whose frames the core has not handled yet pass this many characters stops being
 * read until they fall to half of it: four frames of the largest size, so that a client sending
 * big frames rarely waits, while one that floods holds at most this much in the IPC and the
 * core's memory, and the core's own limits (slow consumer, rate limits) reach it within this.
 */
export const SOCKET_BUDGET_CHARS = 256 * 1024;
/**
 * While all sockets together have this much unhandled, every socket that delivers a frame stops
 * being read (after that frame goes on) until the total falls to half: a crowd of flooders
 * bounds the IPC and the core too, and a quiet client's frame waits behind at most this much
 * (about 20 ms of junk for the core to parse and answer).
 */
export const TOTAL_BUDGET_CHARS = 4 * 1024 * 1024;

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
  | Ack
  | {t: 'send'; id: number; text: string}
  | {t: 'close'; id: number; code: number; reason: string}
  | {t: 'terminate'; id: number};

/** What a socket process tells the core, batched. */
export type EdgeToCore =
  Ack | {t: 'message'; id: number; text: string; binary: boolean} | {t: 'gone'; id: number};

/**
 * A socket process: answers the WebSocket handshakes the core hands over with their TCP
 * sockets, and relays frames both ways. It keeps no chat state, so when it dies the core
 * closes its sessions and the clients reconnect (to another process).
 */
function run(): void {
  const wss = new WebSocketServer({noServer: true, ...WS_OPTIONS});
  const sockets = new Map<number, WebSocket>();
  const inFlight = new InFlight();
  const paused = new Map<number, WebSocket>();
  const {post} = ipcBatcher<EdgeToCore>((batch) => {
    if (wantsAck(batch)) inFlight.sealed();
    process.send?.(batch);
  });

  // The frame that crosses a budget still goes on: a paused socket loses nothing, and ws emits
  // what it has already read before the pause (at most one read) in order after it.
  const forward = (id: number, ws: WebSocket, data: RawData, binary: boolean) => {
    const text = data.toString();
    post({t: 'message', id, text, binary});
    inFlight.add(id, text.length);
    if (inFlight.of(id) > SOCKET_BUDGET_CHARS || inFlight.total > TOTAL_BUDGET_CHARS) {
      ws.pause();
      paused.set(id, ws);
    }
  };

  const handled = () => {
    inFlight.acked();
    if (inFlight.total > TOTAL_BUDGET_CHARS / 2) return;
    for (const [id, ws] of paused) {
      if (inFlight.of(id) > SOCKET_BUDGET_CHARS / 2) continue;
      paused.delete(id);
      ws.resume();
    }
  };

  const adopt = (message: AdoptMessage, socket: Socket | undefined) => {
    if (!socket) return post({t: 'gone', id: message.id});
    const {id, method, url, headers} = message;
    const request = {method, url, headers, socket} as unknown as IncomingMessage;
    // Before the handshake as after it: a socket that fails is simply gone.
    socket.on('error', () => socket.destroy());
    socket.on('close', () => sockets.has(id) || post({t: 'gone', id}));
    wss.handleUpgrade(request, socket, Buffer.from(message.head, 'base64'), (ws) => {
      sockets.set(id, ws);
      ws.on('message', (data, binary) => forward(id, ws, data, binary));
      ws.on('close', () => {
        sockets.delete(id);
        paused.delete(id);
        post({t: 'gone', id});
      });
      ws.on('error', () => ws.terminate());
    });
  };

  const apply = (message: CoreToEdge) => {
    if (message.t === 'ack') return handled();
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
    if (!Array.isArray(message)) return adopt(message, socket);
    message.forEach(apply);
    // The core counts what it sent a socket until this, as its unsent bytes (L4).
    if (wantsAck(message)) post({t: 'ack'});
  });
  // The core is gone: nothing here is worth keeping.
  process.on('disconnect', () => process.exit(0));
}

if (process.send) run();
