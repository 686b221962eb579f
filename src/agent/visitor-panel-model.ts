import {isObject, parseWireDate} from '../core/protocol/index.js';
import type {AgentApi} from './api.js';
import type {HistoryEntry} from './history-parse.js';
import {parseHistoryPage} from './history-parse.js';
import {SnapshotModel} from './snapshot-model.js';
import type {LoadStatus} from './types.js';

/** One page the visitor opened. */
export interface PageVisit {
  title: string;
  href: string;
  ts: number;
}

/** What the side panel shows about the visitor of the open chat. */
export interface VisitorDetails {
  rid: string;
  name: string;
  email: string;
  phone: string;
  department: string;
  /** Custom fields with their configured labels (unlabelled keys keep their key). */
  fields: readonly {label: string; value: string}[];
  /** The browser's language (BCP 47) and IANA time zone, where the widget reported them. */
  language: string;
  timeZone: string;
  pages: readonly PageVisit[];
  chats: readonly HistoryEntry[];
}

/** Where saving the notes stands. */
export type NotesStatus = 'idle' | 'saving' | 'saved' | 'failed';

/** The panel's state; replaced, never mutated. */
export interface VisitorPanelSnapshot {
  status: LoadStatus;
  details: VisitorDetails | null;
  notes: string;
  notesStatus: NotesStatus;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function parseFields(body: Record<string, unknown>, visitor: Record<string, unknown>) {
  const labels = new Map<string, string>();
  for (const f of Array.isArray(body.customFields) ? body.customFields : []) {
    if (isObject(f) && str(f._id)) labels.set(str(f._id), str(f.label) || str(f._id));
  }
  const values = {
    ...(isObject(visitor.livechatData) ? visitor.livechatData : {}),
    ...(isObject(body.roomData) ? body.roomData : {}),
  };
  return Object.entries(values)
    .filter(([, value]) => typeof value === 'string' && value !== '')
    .map(([key, value]) => ({label: labels.get(key) ?? key, value: value as string}));
}

/** `GET livechat/visitor.panel` → what the panel shows; `null` when malformed. */
export function parseVisitorPanel(rid: string, body: unknown): VisitorDetails | null {
  if (!isObject(body) || !isObject(body.visitor)) return null;
  const v = body.visitor;
  const emails = Array.isArray(v.visitorEmails) ? v.visitorEmails : [];
  const phones = Array.isArray(v.phone) ? v.phone : [];
  const pages = (Array.isArray(body.pages) ? body.pages : []).flatMap((p) =>
    isObject(p) ? [{title: str(p.title), href: str(p.href), ts: parseWireDate(p.ts) ?? 0}] : [],
  );
  return {
    rid,
    name: str(v.name) || str(v.username),
    email: isObject(emails[0]) ? str(emails[0].address) : '',
    phone: isObject(phones[0]) ? str(phones[0].phoneNumber) : '',
    department: isObject(body.department) ? str(body.department.name) : '',
    fields: parseFields(body, v),
    language: str(v.language),
    timeZone: str(v.timezone),
    pages,
    chats: parseHistoryPage({chats: body.chats, total: 0}).entries,
  };
}

const EMPTY: VisitorPanelSnapshot = {status: 'idle', details: null, notes: '', notesStatus: 'idle'};

/**
 * The visitor panel of the open chat: loads the visitor's details when a chat opens and saves
 * the agent's notes about them. Holds no DOM.
 */
export class VisitorPanelModel extends SnapshotModel<VisitorPanelSnapshot> {
  private rid: string | null = null;
  private savedNotes = '';

  constructor(private readonly api: AgentApi) {
    super(EMPTY);
  }

  /** Shows the visitor of `rid` (or nothing); the same room again only refreshes. */
  async show(rid: string | null): Promise<void> {
    const isOther = rid !== this.rid;
    this.rid = rid;
    if (!rid) {
      this.set(EMPTY);
      return;
    }
    if (isOther) this.set({...EMPTY, status: 'loading'});
    try {
      const body = await this.api.call(
        'GET',
        `livechat/visitor.panel?rid=${encodeURIComponent(rid)}`,
      );
      if (this.rid !== rid) return;
      const details = parseVisitorPanel(rid, body);
      const notes = isObject(body) && isObject(body.notes) ? str(body.notes.text) : '';
      if (isOther || this.current.notes === this.savedNotes) {
        this.savedNotes = notes;
        this.set({status: details ? 'loaded' : 'failed', details, notes, notesStatus: 'idle'});
      } else {
        this.set({status: details ? 'loaded' : 'failed', details});
      }
    } catch {
      if (this.rid === rid) this.set({status: 'failed'});
    }
  }

  /** Keeps what the agent types, unsaved. */
  editNotes(text: string): void {
    this.set({
      notes: text,
      notesStatus: text === this.savedNotes ? this.current.notesStatus : 'idle',
    });
  }

  /** Saves the notes when they changed (or failed to save before). */
  async saveNotes(): Promise<void> {
    const rid = this.rid;
    const text = this.current.notes;
    if (!rid || (text === this.savedNotes && this.current.notesStatus !== 'failed')) return;
    this.set({notesStatus: 'saving'});
    try {
      await this.api.call('PUT', 'livechat/visitor.notes', {rid, text});
      if (this.rid !== rid) return;
      this.savedNotes = text;
      this.set({notesStatus: this.current.notes === text ? 'saved' : 'idle'});
    } catch {
      if (this.rid === rid) this.set({notesStatus: 'failed'});
    }
  }
}
