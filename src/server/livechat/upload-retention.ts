import {repeatJob} from './repeat-job.js';
import type {LivechatSettings} from './settings.js';
import type {UploadStore} from './upload-store.js';

const DAY_MS = 24 * 60 * 60_000;

/** What one retention run deleted. */
export interface RetentionSweep {
  files: number;
  bytes: number;
}

/** When the retention runs; tests shorten the interval and move the clock. */
export interface UploadRetentionOptions {
  /** Time between runs (default 1 h; one also runs at start). */
  intervalMs?: number;
  /** Files deleted per step before the event loop gets a turn (default 50). */
  batchSize?: number;
  /** The time chats' closing times are compared with (default: the real time). */
  now?: () => number;
  /** Called after each run, with what it deleted (nothing while the setting is 0). */
  onSweep?: (sweep: RetentionSweep) => void;
  /** Called when a run fails; the next one tries again. */
  onError?: (error: unknown) => void;
}

export const UPLOAD_RETENTION_DEFAULTS = {intervalMs: 60 * 60_000, batchSize: 50};

/** Stops the timer; resolves once a run under way has finished its file. */
export type StopRetention = () => Promise<void>;

/**
 * Deletes the files of chats closed more than `fileUploadRetentionDays` ago (0: never), at
 * start and then every `intervalMs`, so that the total upload quota frees itself instead of
 * refusing uploads for good once full. Each file's record stays, marked deleted (its link answers
 * 410 Gone) and no longer counted. Files go in batches with a turn of the event loop between
 * them, so a first run over years of files never stalls requests. The setting is read at each
 * run: a change in the Settings screen applies by the next one.
 */
export function startUploadRetention(
  store: UploadStore,
  settings: LivechatSettings,
  options: UploadRetentionOptions = {},
): StopRetention {
  const intervalMs = options.intervalMs ?? UPLOAD_RETENTION_DEFAULTS.intervalMs;
  const batchSize = options.batchSize ?? UPLOAD_RETENTION_DEFAULTS.batchSize;
  const now = options.now ?? Date.now;
  const run = async (isStopped: () => boolean) => {
    const days = settings.fileUploadRetentionDays;
    const sweep: RetentionSweep = {files: 0, bytes: 0};
    if (days <= 0) {
      options.onSweep?.(sweep);
      return;
    }
    const closedBefore = now() - days * DAY_MS;
    for (;;) {
      const batch = store.expiredFiles(closedBefore, batchSize);
      for (const file of batch) {
        if (isStopped()) return;
        if (await store.expire(file.id)) {
          sweep.files += 1;
          sweep.bytes += file.size;
        }
      }
      if (batch.length < batchSize) break;
      await new Promise((resolve) => setImmediate(resolve));
      if (isStopped()) return;
    }
    options.onSweep?.(sweep);
  };
  return repeatJob(run, intervalMs, options.onError);
}
