import type {UploadStore, UploadSweep} from './upload-store.js';

/** When the upload garbage collector runs, and what it may remove. */
export interface UploadGcOptions {
  /** Time between sweeps (default 10 min); tests shorten it. */
  intervalMs?: number;
  /** Partial or unrecorded files untouched this long are leftovers (default 1 h). */
  staleAfterMs?: number;
  /** Called after each sweep (tests wait for it instead of sleeping). */
  onSweep?: (sweep: UploadSweep) => void;
  /** Called when a sweep fails; the next one tries again. */
  onError?: (error: unknown) => void;
}

/** Defaults: a leftover lives at most about 70 minutes. */
export const UPLOAD_GC_DEFAULTS = {intervalMs: 10 * 60_000, staleAfterMs: 60 * 60_000};

/**
 * Sweeps the upload folder every `intervalMs` (one sweep at a time, the timer never keeps the
 * process alive); returns the function that stops it.
 */
export function startUploadGc(store: UploadStore, options: UploadGcOptions = {}): () => void {
  const {intervalMs, staleAfterMs} = {...UPLOAD_GC_DEFAULTS, ...options};
  let isSweeping = false;
  let isStopped = false;
  const sweep = async () => {
    if (isSweeping || isStopped) return;
    isSweeping = true;
    try {
      const result = await store.collectGarbage(staleAfterMs);
      if (!isStopped) options.onSweep?.(result);
    } catch (error) {
      if (!isStopped) options.onError?.(error);
    } finally {
      isSweeping = false;
    }
  };
  const timer = setInterval(() => void sweep(), intervalMs);
  timer.unref();
  return () => {
    isStopped = true;
    clearInterval(timer);
  };
}
