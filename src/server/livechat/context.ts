import {dirname, join} from 'node:path';
import type {Db} from '../db.js';
import {Streams} from '../ddp/streams.js';
import {AgentStore} from './agents.js';
import {FileTokens} from './file-tokens.js';
import {InquiryStore} from './inquiries.js';
import {MailOutbox, type MailRetry} from './mail-outbox.js';
import {Mailer} from './mailer.js';
import {MessageStore} from './messages.js';
import {QueueStats} from './queue-stats.js';
import {OfflineMessageStore, PageViewStore, TranscriptStore} from './records.js';
import {publishRoomChange} from './room-events.js';
import {RoomStore} from './rooms.js';
import type {LivechatSettings} from './settings.js';
import {SettingsStore} from './settings-store.js';
import {UploadStore} from './upload-store.js';
import {VisitorStore} from './visitors.js';

/** Everything the livechat domain works with; REST and DDP reach it through the services. */
export interface LivechatContext {
  db: Db;
  settings: LivechatSettings;
  streams: Streams;
  visitors: VisitorStore;
  agents: AgentStore;
  rooms: RoomStore;
  messages: MessageStore;
  inquiries: InquiryStore;
  /** Measured queue waits, for `estimatedWaitTimeSeconds`. */
  queueStats: QueueStats;
  offlineMessages: OfflineMessageStore;
  transcripts: TranscriptStore;
  pageViews: PageViewStore;
  uploads: UploadStore;
  fileTokens: FileTokens;
  mailer: Mailer;
  /** Mail waiting for (or past) delivery; every mail goes through it. */
  outbox: MailOutbox;
  /** Settings saved in the console's Settings screen (SQLite). */
  settingsStore: SettingsStore;
  /** The time business hours are checked against; tests set it. */
  clock: () => Date;
}

/** Builds the stores on an open database; uploads go to `<dataDir>/uploads`. */
export function createContext(
  db: Db,
  settings: LivechatSettings,
  onListenerError?: (error: unknown) => void,
  dataDir?: string,
  timing: {clock?: () => Date; mailRetry?: Partial<MailRetry>} = {},
): LivechatContext {
  const messages = new MessageStore(db);
  const folder = dataDir ?? dirname(db.name);
  const settingsStore = new SettingsStore(db);
  settingsStore.applyTo(settings);
  const mailer = new Mailer({
    smtpUrl: () => settings.smtpUrl,
    from: () => settings.mailFrom,
    outboxDir: join(folder, 'mail'),
    onError: onListenerError,
  });
  const transcripts = new TranscriptStore(db);
  const outbox = new MailOutbox(db, mailer, {
    retry: timing.mailRetry,
    onSent: (kind, ref) => {
      if (kind !== 'transcript' || !ref) return;
      // The serving agent's console reloads the request's state on this `updated`.
      const room = ctx.rooms.findById(transcripts.markSent(ref) ?? '', true);
      if (room) publishRoomChange(ctx, 'updated', room);
    },
  });
  const ctx: LivechatContext = {
    db,
    settings,
    streams: new Streams(onListenerError),
    visitors: new VisitorStore(db),
    agents: new AgentStore(db),
    rooms: new RoomStore(db, messages),
    messages,
    inquiries: new InquiryStore(db),
    queueStats: new QueueStats(db),
    offlineMessages: new OfflineMessageStore(db),
    transcripts,
    pageViews: new PageViewStore(db),
    uploads: new UploadStore(db, folder),
    fileTokens: new FileTokens(db),
    clock: timing.clock ?? (() => new Date()),
    mailer,
    outbox,
    settingsStore,
  };
  return ctx;
}
