import type {Db} from '../db.js';
import {Streams} from '../ddp/streams.js';
import {AgentStore} from './agents.js';
import {MessageStore} from './messages.js';
import {RoomStore} from './rooms.js';
import type {LivechatSettings} from './settings.js';
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
}

/** Builds the stores on an open database. */
export function createContext(
  db: Db, settings: LivechatSettings, onListenerError?: (error: unknown) => void,
): LivechatContext {
  const messages = new MessageStore(db);
  return {
    db,
    settings,
    streams: new Streams(onListenerError),
    visitors: new VisitorStore(db),
    agents: new AgentStore(db),
    rooms: new RoomStore(db, messages),
    messages,
  };
}
