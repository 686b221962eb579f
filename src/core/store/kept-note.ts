import {keptKey} from '../session-probe.js';

/**
 * Notes (or, `false`, forgets) that the IndexedDB store keeps a session of `siteId`, for the
 * probe of the next page (`keptHere`). Apart from the probe, which is in the first download:
 * only the store writes the note.
 */
export function noteKept(siteId: string, isKept: boolean): void {
  try {
    if (isKept) globalThis.localStorage.setItem(keptKey(siteId), '1');
    else globalThis.localStorage.removeItem(keptKey(siteId));
  } catch {
    // Storage the page blocks: no hint, and the probe alone decides.
  }
}
