import {parseWireDate, type RcMessage} from './protocol/index.js';
import type {RestClient} from './transport/rest.js';

/** Messages per history page when catching up. */
export const CATCH_UP_PAGE_SIZE = 50;
/** Pages fetched at most in one catch-up; older gaps are left to scroll-back. */
export const CATCH_UP_MAX_PAGES = 10;

/**
 * Fetches what the room got since `sinceTs` (ms; undefined = just the newest page). Sends
 * `ls` as Rocket.Chat's clients do, but does not rely on the server filtering by it: real
 * Rocket.Chat answers the newest page regardless, so older pages (`end`) are fetched until one
 * reaches `sinceTs`. Callers de-duplicate by `_id`.
 */
export async function fetchSince(
  rest: RestClient,
  rid: string,
  token: string,
  sinceTs: number | undefined,
): Promise<RcMessage[]> {
  const all: RcMessage[] = [];
  let end: number | undefined;
  for (let page = 0; page < CATCH_UP_MAX_PAGES; page++) {
    const batch = await rest.history(rid, token, {ls: sinceTs, end, limit: CATCH_UP_PAGE_SIZE});
    all.push(...batch);
    if (batch.length < CATCH_UP_PAGE_SIZE || sinceTs === undefined) break;
    const oldest = Math.min(...batch.map((m) => parseWireDate(m.ts) ?? 0));
    if (oldest <= sinceTs || oldest === end) break;
    end = oldest;
  }
  return all;
}
