import type {ChatContext} from './chat-context.js';
import {isVisibleMessage, toMessage, type MapContext} from './message-mapper.js';
import {parseWireDate} from './protocol/index.js';
import type {Message} from './types.js';

/** Messages per `history()` page (Rocket.Chat's default `limit`). */
export const HISTORY_PAGE_SIZE = 20;

/**
 * `history()`: pages of older messages of the current room, newest page first, each page in
 * chronological order, from `GET livechat/messages.history/:rid` with the `end` cursor. Every
 * page is also merged into the transcript (without `message-received`). Calls to `next()` are
 * queued, so two at once never fetch the same page. Ends (`done`) after a short page.
 */
export function historyPages(
  ctx: Pick<ChatContext, 'model' | 'rest' | 'state'>,
  mapContext: () => MapContext,
  pageSize = HISTORY_PAGE_SIZE,
): AsyncIterableIterator<Message[]> {
  const {model, rest} = ctx;
  const room = model.snapshot.room;
  const token = ctx.state.token;
  const shown = model.snapshot.messages.filter(
    (m) => room && m.rid === room._id && m.status === 'sent' && !m.imported,
  );
  let cursor: number | undefined =
    shown.length > 0 ? Math.min(...shown.map((m) => m.ts)) : undefined;
  let isDone = !room || !token;
  let queue: Promise<unknown> = Promise.resolve();

  async function fetchPage(): Promise<IteratorResult<Message[]>> {
    if (isDone || !room || !token) return {done: true, value: undefined};
    const raws = await rest.history(room._id, token, {end: cursor, limit: pageSize});
    if (raws.length < pageSize) isDone = true;
    const times = raws.map((m) => parseWireDate(m.ts) ?? 0);
    if (raws.length > 0) cursor = Math.min(...times);
    const hidden = model.snapshot.config?.settings?.hiddenSystemMessages ?? [];
    if (model.snapshot.room?._id === room._id) model.ingest(raws, mapContext(), hidden);
    const context = mapContext();
    const page = raws
      .filter((raw) => isVisibleMessage(raw, hidden))
      .map((raw) => toMessage(raw, context))
      .sort((a, b) => a.ts - b.ts);
    return {done: false, value: page};
  }

  const iterator: AsyncIterableIterator<Message[]> = {
    next() {
      const result = queue.then(fetchPage);
      queue = result.catch(() => undefined);
      return result;
    },
    async return() {
      isDone = true;
      return {done: true, value: undefined};
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
