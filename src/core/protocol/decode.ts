import type {DdpError, DdpFrame} from './ddp.js';
import type {RcMessage, WireDate} from './wire.js';

/** Untrusted input is checked field by field; anything of the wrong shape becomes `null`. */
type Obj = Record<string, unknown>;

export const isObject = (v: unknown): v is Obj =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);

/** Milliseconds since the epoch from `{$date}`, an ISO string or a number; `null` if unreadable. */
export function parseWireDate(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (isObject(value) && typeof value.$date === 'number')
    return Number.isFinite(value.$date) ? value.$date : null;
  if (isString(value)) {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? null : ms;
  }
  return null;
}

export const toDdpDate = (ms: number): WireDate => ({$date: ms});

function decodeError(v: unknown): DdpError | undefined {
  if (!isObject(v)) return undefined;
  const error = typeof v.error === 'number' || isString(v.error) ? v.error : 'unknown';
  return {
    ...v,
    error,
    reason: isString(v.reason) ? v.reason : undefined,
    message: isString(v.message) ? v.message : undefined,
  };
}

/**
 * Parses one DDP frame from text or an already-parsed value. Frames without `msg` (Meteor's
 * `{server_id}` greeting) and frames of the wrong shape return `null`.
 */
export function decodeDdpFrame(input: unknown): DdpFrame | null {
  let v = input;
  if (isString(input)) {
    try {
      v = JSON.parse(input);
    } catch {
      return null;
    }
  }
  if (!isObject(v) || !isString(v.msg)) return null;
  const id = v.id;
  switch (v.msg) {
    case 'connect':
      return isString(v.version)
        ? {
            msg: 'connect',
            version: v.version,
            support: isStringArray(v.support) ? v.support : undefined,
          }
        : null;
    case 'connected':
      return {msg: 'connected', session: isString(v.session) ? v.session : ''};
    case 'failed':
      return {msg: 'failed', version: isString(v.version) ? v.version : ''};
    case 'ping':
    case 'pong':
      return {msg: v.msg, id: isString(id) ? id : undefined};
    case 'method':
      if (!isString(id) || !isString(v.method)) return null;
      return {msg: 'method', id, method: v.method, params: Array.isArray(v.params) ? v.params : []};
    case 'result':
      if (!isString(id)) return null;
      return 'error' in v && v.error !== undefined
        ? {msg: 'result', id, error: decodeError(v.error)}
        : {msg: 'result', id, result: v.result};
    case 'updated':
      return isStringArray(v.methods) ? {msg: 'updated', methods: v.methods} : null;
    case 'sub':
      if (!isString(id) || !isString(v.name)) return null;
      return {msg: 'sub', id, name: v.name, params: Array.isArray(v.params) ? v.params : []};
    case 'unsub':
      return isString(id) ? {msg: 'unsub', id} : null;
    case 'ready':
      return isStringArray(v.subs) ? {msg: 'ready', subs: v.subs} : null;
    case 'nosub':
      return isString(id) ? {msg: 'nosub', id, error: decodeError(v.error)} : null;
    case 'added':
    case 'changed':
      if (!isString(v.collection) || !isString(id)) return null;
      return {
        msg: v.msg,
        collection: v.collection,
        id,
        fields: isObject(v.fields) ? v.fields : undefined,
      };
    case 'removed':
      return isString(v.collection) && isString(id)
        ? {msg: 'removed', collection: v.collection, id}
        : null;
    case 'error':
      return {
        msg: 'error',
        reason: isString(v.reason) ? v.reason : 'unknown',
        offendingMessage: v.offendingMessage,
      };
    default:
      return null;
  }
}

/** Checks the fields the widget relies on; returns the message typed, or `null`. */
export function decodeRcMessage(v: unknown): RcMessage | null {
  if (!isObject(v) || !isString(v._id) || !isString(v.rid)) return null;
  if (parseWireDate(v.ts) === null) return null;
  const u = v.u;
  if (!isObject(u) || !isString(u._id)) return null;
  return {
    ...(v as unknown as RcMessage),
    msg: isString(v.msg) ? v.msg : '',
    u: {...u, _id: u._id, username: isString(u.username) ? u.username : ''},
  };
}
