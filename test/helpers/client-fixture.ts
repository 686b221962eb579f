import {expect, waitUntil} from '@open-wc/testing';
import {LiveChatClient, LiveChatError, MemorySessionStore} from '../../src/core/index.js';
import {FakeClock} from './fake-clock.js';
import {FakeRcServer} from './fake-rc-server.js';

/** Subscriptions a client makes per room (messages, livechat-room, activity, deletions, read receipts). */
export const ROOM_SUBS = 5;

/** A client on a fresh fake server; `configure` runs before the client loads the config. */
export function setupClient(configure: (server: FakeRcServer) => void = () => undefined) {
  const server = new FakeRcServer();
  configure(server);
  const clock = new FakeClock();
  const store = new MemorySessionStore();
  const client = new LiveChatClient({
    server: server.url,
    fetch: server.fetch,
    socketFactory: server.hub.factory,
    clock,
    store,
  });
  return {server, clock, store, client};
}

/** Whether the client's newest socket is up and subscribed to every room stream. */
export function isLive(client: LiveChatClient, server: FakeRcServer): boolean {
  const socket = server.hub.sockets.at(-1);
  return client.connection === 'connected' && socket?.framesOf('sub').length === ROOM_SUBS;
}

/** Starts a chat and waits until its streams are subscribed. */
export async function startLive(client: LiveChatClient, server: FakeRcServer): Promise<string> {
  await client.start();
  await waitUntil(() => isLive(client, server), 'room streams subscribed');
  return client.room!._id;
}

/** The `LiveChatError` a promise rejects with (fails the test if it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<LiveChatError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).to.be.instanceOf(LiveChatError);
  return error as LiveChatError;
}
