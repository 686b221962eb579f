import type {FastifyInstance} from 'fastify';
import {startChatRetention, type ChatRetentionOptions} from './livechat/chat-retention.js';
import type {LivechatContext} from './livechat/context.js';
import {startInactivityClose, type InactivityCloseOptions} from './livechat/inactivity-close.js';
import {startUploadGc, type UploadGcOptions} from './livechat/upload-gc.js';
import {startUploadRetention, type UploadRetentionOptions} from './livechat/upload-retention.js';
import type {VisitorPresence} from './livechat/visitor-presence.js';
import {
  startVisitorSweep,
  VISITOR_SWEEP_DEFAULTS,
  type VisitorSweepOptions,
} from './livechat/visitor-sweep.js';

/** The server's background jobs, as `ServerOptions` tunes them (tests shorten and observe them). */
export interface HousekeepingOptions {
  /** Sweeps of partial and orphaned upload files; default every 10 min, leftovers after 1 h. */
  uploadGc?: UploadGcOptions;
  /**
   * The deletion of files of chats closed more than `fileUploadRetentionDays` ago: at start and
   * every hour, 50 files per step; tests shorten the interval and move `now`.
   */
  uploadRetention?: UploadRetentionOptions;
  /**
   * The deletion of chats closed more than `chatRetentionDays` ago: at start and every hour, 20
   * chats per step; tests shorten the interval and move `now`.
   */
  chatRetention?: ChatRetentionOptions;
  /**
   * Visitors who never wrote are deleted, with their empty rooms, once idle this many hours
   * (livechat/visitor-sweep.ts). Default 24; 0: kept for ever.
   */
  abandonedVisitorHours?: number;
  /** When that sweep runs: at start and every hour, 50 visitors per step; tests shorten. */
  visitorSweep?: VisitorSweepOptions;
  /**
   * The closing of chats the visitor left unanswered `visitorInactivityCloseMinutes`: at start and
   * every minute, 20 chats per step; tests shorten the interval and move `now`.
   */
  inactivityClose?: InactivityCloseOptions;
}

/** What a job reports: each sweep's counts, and a run that failed. */
interface Observers<S> {
  onSweep?: (sweep: S) => void;
  onError?: (error: unknown) => void;
}

type SweepOf<O> = O extends {onSweep?: (sweep: infer S) => void} ? S : never;

/**
 * A job's options with the log added to its observers: a sweep that deleted something goes to
 * `info`, a failure to `fail`. The caller's own observers (in `options`) still hear both.
 */
function logged<O extends Observers<never>>(
  options: O | undefined,
  didWork: (sweep: SweepOf<O>) => boolean,
  info: (sweep: SweepOf<O>) => void,
  fail: (error: unknown) => void,
): O {
  const observers: Observers<SweepOf<O>> = {
    onSweep: (sweep) => {
      if (didWork(sweep)) info(sweep);
      options?.onSweep?.(sweep as never);
    },
    onError: (error) => {
      fail(error);
      options?.onError?.(error);
    },
  };
  return {...options, ...observers} as O;
}

/**
 * Starts the deletions that keep the data folder bounded: the files of old chats
 * (`fileUploadRetentionDays`), old closed chats (`chatRetentionDays`), visitors who never wrote,
 * and unfinished uploads; and the closing of chats the visitor abandoned
 * (`visitorInactivityCloseMinutes`), which keep an address's open-chat count and the agents'
 * open chats. Each stops when the server closes.
 */
export function startHousekeeping(
  app: FastifyInstance,
  ctx: LivechatContext,
  presence: VisitorPresence,
  options: HousekeepingOptions,
  warn: (message: string, fields: Record<string, unknown>) => void,
): void {
  const {settings} = ctx;
  const isPresent = (token: string) => presence.isPresent(token);
  const stopUploadRetention = startUploadRetention(
    ctx.uploads,
    settings,
    logged(
      options.uploadRetention,
      (sweep) => sweep.files > 0,
      (sweep) =>
        app.log.info(
          {...sweep, days: settings.fileUploadRetentionDays},
          'upload retention: deleted the files of chats closed longer ago than fileUploadRetentionDays',
        ),
      (error) => app.log.error({err: error}, 'upload retention failed'),
    ),
  );
  const stopChatRetention = startChatRetention(
    ctx,
    () => settings.chatRetentionDays,
    isPresent,
    logged(
      options.chatRetention,
      (sweep) => sweep.rooms > 0,
      (sweep) =>
        app.log.info(
          {...sweep, days: settings.chatRetentionDays},
          'chat retention: deleted the chats closed longer ago than chatRetentionDays',
        ),
      // A full disk or a refused write must reach the operator even without --log.
      (error) =>
        warn(
          `chat retention failed, nothing of the step was deleted; the next run (in an hour) ` +
            `tries again: ${error instanceof Error ? error.message : String(error)}`,
          {err: error},
        ),
    ),
  );
  const hours = options.abandonedVisitorHours ?? VISITOR_SWEEP_DEFAULTS.hours;
  const stopVisitorSweep = startVisitorSweep(
    ctx,
    () => hours,
    isPresent,
    logged(
      options.visitorSweep,
      (sweep) => sweep.visitors > 0,
      (sweep) => app.log.info({...sweep, hours}, 'visitor sweep: deleted visitors who never wrote'),
      (error) => app.log.error({err: error}, 'visitor sweep failed'),
    ),
  );
  const stopInactivityClose = startInactivityClose(
    ctx,
    logged(
      options.inactivityClose,
      (sweep) => sweep.rooms > 0,
      (sweep) =>
        app.log.info(
          {...sweep, minutes: settings.visitorInactivityCloseMinutes},
          'inactivity close: closed the chats the visitor left unanswered',
        ),
      (error) => app.log.error({err: error}, 'inactivity close failed'),
    ),
  );
  const stopUploadGc = startUploadGc(ctx.uploads, {
    onError: (error) => app.log.error({err: error}, 'upload sweep failed'),
    ...options.uploadGc,
  });
  app.addHook('onClose', async () => {
    await Promise.all([
      stopUploadRetention(),
      stopChatRetention(),
      stopVisitorSweep(),
      stopInactivityClose(),
    ]);
    stopUploadGc();
  });
}
