import type {ChatContext} from './chat-context.js';
import type {Clock} from './clock.js';
import {toLiveChatError} from './errors.js';
import {parseWireDate, type RcMessage} from './protocol/index.js';
import type {FileLinks} from './file-links.js';
import {reconnectDelayMs} from './transport/backoff.js';
import type {RestClient} from './transport/rest.js';
import type {Message} from './types.js';

/** Messages per history page when catching up. */
export const CATCH_UP_PAGE_SIZE = 50;
/** Pages fetched at most in one catch-up; older gaps are left to scroll-back. */
export const CATCH_UP_MAX_PAGES = 10;

/** What a catch-up brought, and where it stopped short of the cursor. */
export interface CatchUp {
  raws: RcMessage[];
  /**
   * Server time of the oldest message fetched when the pages ran out before reaching the
   * cursor: the messages between are missing, and scroll-back has to start from here.
   */
  gapBefore: number | null;
}

/**
 * Fetches what the room got since `sinceTs` (ms; undefined = just the newest page, with a gap
 * before it when it is full). Sends `ls` as Rocket.Chat's clients do, but does not rely on the
 * server filtering by it: real Rocket.Chat answers the newest page regardless, so older pages
 * (`end`) are fetched until one reaches `sinceTs`. Callers de-duplicate by `_id`.
 */
export async function fetchSince(
  rest: RestClient,
  rid: string,
  token: string,
  sinceTs: number | undefined,
): Promise<CatchUp> {
  const raws: RcMessage[] = [];
  let end: number | undefined;
  for (let page = 0; page < CATCH_UP_MAX_PAGES; page++) {
    const batch = await rest.history(rid, token, {ls: sinceTs, end, limit: CATCH_UP_PAGE_SIZE});
    raws.push(...batch);
    if (batch.length < CATCH_UP_PAGE_SIZE) break;
    const oldest = Math.min(...batch.map((m) => parseWireDate(m.ts) ?? 0));
    // No cursor (a page left before its first catch-up): what came before this page is unknown.
    if (sinceTs === undefined) return {raws, gapBefore: oldest};
    if (oldest <= sinceTs || oldest === end) break;
    end = oldest;
    if (page === CATCH_UP_MAX_PAGES - 1) return {raws, gapBefore: oldest};
  }
  return {raws, gapBefore: null};
}

/** Tries of a catch-up whose request got no answer while the link stayed up. */
export const CATCH_UP_TRIES = 4;

/**
 * `fetchSince`, tried again after the reconnect backoff (backoff.ts) when no answer came while
 * `isLinkUp()` holds. A server swamped by thousands of widgets reconnecting at once answers some
 * of them after the REST timeout; their link is up, so no reconnect would catch up for them, and
 * what the agent wrote meanwhile would stay missing. With the link down, the next reconnect
 * catches up: the error is thrown at once.
 */
export async function fetchSinceRetrying(
  rest: RestClient,
  rid: string,
  token: string,
  sinceTs: number | undefined,
  link: {clock: Clock; isLinkUp(): boolean},
): Promise<CatchUp> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fetchSince(rest, rid, token, sinceTs);
    } catch (error) {
      const isLast = attempt + 1 >= CATCH_UP_TRIES || !link.isLinkUp();
      if (isLast || toLiveChatError(error).code !== 'network') throw error;
      await new Promise<void>((resolve) =>
        link.clock.setTimeout(resolve, reconnectDelayMs(attempt)),
      );
    }
  }
}

/** The catch-up cursor of one room: server time of the newest message seen by stream or history. */
export interface SeenCursor {
  lastSeen: {rid: string; ts: number} | null;
}

/** Where the next catch-up of `rid` starts (undefined: just the newest page). */
export function cursorFor(state: SeenCursor, rid: string): number | undefined {
  return state.lastSeen?.rid === rid ? state.lastSeen.ts : undefined;
}

/**
 * Moves the cursor past `raws`, which the link or a history page delivered. Answers to the
 * visitor's own sends never move it: they can overtake an agent message that a dead link lost.
 */
export function markSeen(state: SeenCursor, rid: string, raws: readonly RcMessage[]): void {
  let ts = cursorFor(state, rid) ?? -Infinity;
  for (const raw of raws) if (raw.rid === rid) ts = Math.max(ts, parseWireDate(raw.ts) ?? ts);
  if (Number.isFinite(ts)) state.lastSeen = {rid, ts};
}

/**
 * Fetches what the current room got since the cursor (or `start`) and merges it through `feed`. Without
 * network the next reconnect catches up again; any other failure is reported as `error`.
 */
export async function catchUp(
  ctx: Pick<ChatContext, 'model' | 'state' | 'rest' | 'emitter' | 'clock' | 'ddp'>,
  feed: {ingest(raws: readonly RcMessage[]): void; readonly links: Pick<FileLinks, 'refreshStale'>},
  /** Where the cursor of the room stood when its subscription went out (see `chat-session.ts`). */
  start?: {rid: string; since: number | undefined},
): Promise<void> {
  const {model, rest, emitter, state} = ctx;
  const room = model.snapshot.room;
  const token = state.token;
  if (!room || !token) return;
  try {
    const from = start?.rid === room._id ? start.since : cursorFor(state, room._id);
    const link = {clock: ctx.clock, isLinkUp: () => ctx.ddp.isConnected};
    const {raws, gapBefore} = await fetchSinceRetrying(rest, room._id, token, from, link);
    if (model.snapshot.room?._id !== room._id) return;
    // Older messages across a gap would hide it: scroll-back pages from the oldest shown one.
    if (gapBefore !== null) {
      const isAcross = (m: Message) => m.status === 'sent' && m.ts < gapBefore;
      model.patch({messages: model.snapshot.messages.filter((m) => !isAcross(m))});
    }
    feed.ingest(raws);
    markSeen(state, room._id, raws);
    feed.links.refreshStale(model.snapshot.messages);
  } catch (error) {
    const wrapped = toLiveChatError(error);
    if (wrapped.code !== 'network') emitter.emit('error', {error: wrapped});
  }
}
