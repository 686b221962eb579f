import type {RcRoom, RcVisitor} from '../../src/core/protocol/index.js';
import {AGENT, json, ok, rcError, wire, type FakeRcServer} from './fake-rc-server.js';

/** One request, already decoded, with its token's visitor and room (if they match). */
export interface ExtraRequest {
  method: string;
  path: string;
  p: Record<string, unknown>;
  headers: Record<string, string>;
  visitor?: RcVisitor;
  ownRoom?: RcRoom;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const ROOM_PATHS = /^livechat\/(room\.survey|transcript|room\.transfer)$/;

function upload(server: FakeRcServer, rid: string, r: ExtraRequest): Response {
  const visitor = server.visitors.get(r.headers['x-visitor-token'] ?? '');
  const room = server.rooms.get(rid);
  if (!visitor || !room || room.v.token !== visitor.token || !room.open) {
    return json(401, {success: false, error: 'unauthorized'});
  }
  const file = r.p.file;
  if (!(file instanceof Blob)) return json(400, {success: false, reason: 'error-no-file-uploaded'});
  if (file.size > server.uploadLimit) {
    return json(400, {success: false, reason: 'error-size-not-allowed', sizeAllowed: '1 KB'});
  }
  const name = file instanceof File ? file.name : 'file';
  const fileRef = {_id: `f${server.seq++}`, name, type: file.type};
  const description = typeof r.p.description === 'string' ? r.p.description : '';
  const url = `/file-upload/${fileRef._id}/${encodeURIComponent(name)}`;
  const message = server.store({
    rid,
    msg: '',
    token: visitor.token,
    u: {_id: visitor._id, username: visitor.username},
    file: fileRef,
    files: [fileRef],
    attachments: [
      {title: name, type: 'file', description, title_link: url, title_link_download: true},
    ],
  });
  // Rocket.Chat spreads the saved message into the answer (API.v1.success(message)).
  return ok({...wire(message)});
}

/**
 * The fake's visitor endpoints beyond sending text: upload, custom fields, survey, transcript,
 * offline message, page tracking, transfer, agent info, visitor and message edits. Returns
 * null for anything else.
 */
export function routeExtras(server: FakeRcServer, r: ExtraRequest): Response | null {
  const {method, path, p, visitor, ownRoom} = r;
  const uploadMatch = /^livechat\/upload\/(.+)$/.exec(path);
  if (method === 'POST' && uploadMatch) return upload(server, uploadMatch[1], r);
  if (method === 'POST' && path === 'livechat/offline.message') {
    if (!p.name || !EMAIL.test(String(p.email)) || !p.message) return rcError('invalid-data', true);
    server.received.offlineMessages.push(p);
    return ok({message: 'Thanks, we will answer by email'});
  }
  const agentInfo = /^livechat\/agent\.info\/([^/]+)\/(.+)$/.exec(path);
  if (method === 'GET' && agentInfo) {
    const room = server.rooms.get(agentInfo[1]);
    if (!room || room.v.token !== agentInfo[2]) return rcError('invalid-room', true);
    if (!room.servedBy) return rcError('invalid-agent', true);
    return ok({agent: server.hidesAgent ? {hiddenInfo: true} : {...AGENT, status: 'online'}});
  }
  const tokenPath = /^livechat\/(visitor|agent\.next)\/(.+)$/.exec(path);
  const pathVisitor = tokenPath ? server.visitors.get(tokenPath[2]) : undefined;
  if (tokenPath && !pathVisitor) return rcError('invalid-token');
  if (tokenPath?.[1] === 'agent.next') return ok(server.online ? {agent: AGENT} : {});
  if (tokenPath && method === 'GET') return ok({visitor: pathVisitor});
  if (tokenPath && method === 'DELETE') {
    server.visitors.delete(tokenPath[2]);
    return ok({visitor: {_id: pathVisitor!._id, ts: new Date().toISOString()}});
  }
  if (!visitor) return null;
  const token = visitor.token;
  if (method === 'POST' && path === 'livechat/custom.fields') {
    const fields = (p.customFields as {key: string; value: string; overwrite: boolean}[]) ?? [];
    server.received.customFields.push(...fields);
    visitor.livechatData = {...visitor.livechatData};
    for (const f of fields) visitor.livechatData[f.key] = f.value;
    return ok({fields: fields.map((f) => ({Key: f.key, value: f.value, overwrite: f.overwrite}))});
  }
  if (method === 'POST' && path === 'livechat/visitor.status') return ok({token, status: p.status});
  if (method === 'POST' && path === 'livechat/page.visited') {
    server.received.pages.push(p);
    return ok({page: {msg: 'page visited'}});
  }
  const messagePath = /^livechat\/message\/(.+)$/.exec(path);
  const isEdit = messagePath !== null && (method === 'PUT' || method === 'DELETE');
  if (!ownRoom) return isEdit || ROOM_PATHS.test(path) ? rcError('invalid-room', true) : null;
  if (method === 'POST' && path === 'livechat/room.survey') {
    const data = p.data as {name: string; value: string}[];
    if (!Array.isArray(data) || data.length === 0) return rcError('invalid-data', true);
    server.received.surveys.push(p);
    return ok({rid: ownRoom._id, data: Object.fromEntries(data.map((d) => [d.name, d.value]))});
  }
  if (method === 'POST' && path === 'livechat/transcript') {
    if (!EMAIL.test(String(p.email))) return rcError('invalid-email');
    server.received.transcripts.push(p);
    return ok({message: 'Transcript sent'});
  }
  if (method === 'POST' && path === 'livechat/room.transfer') {
    if (!ownRoom.open) return rcError('room-closed', true);
    ownRoom.departmentId = String(p.department);
    return ok({room: ownRoom});
  }
  const message = messagePath && server.messages.find((m) => m._id === messagePath[1]);
  if (isEdit) {
    if (!message || message.token !== token) return rcError('invalid-message', true);
    if (method === 'DELETE') {
      server.deletes(message._id);
      return ok({message: {_id: message._id, ts: new Date().toISOString()}});
    }
    message.msg = String(p.msg);
    message.editedAt = new Date(server.tick()).toISOString();
    return ok({message: wire(message)});
  }
  return null;
}
