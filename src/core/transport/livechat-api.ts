import {decodeRcMessage, isObject} from '../protocol/index.js';
import type {RcAgent, RcMessage, RcRoom, RcVisitor} from '../protocol/index.js';
import {LiveChatError} from '../types.js';
import type {RestClient} from './rest.js';

/** A custom field as `livechat/custom.field(s)` and `livechat/visitor` take it. */
export interface CustomFieldInput {
  key: string;
  value: string;
  overwrite: boolean;
}

/** One survey answer of `livechat/room.survey` (values are strings, '1'…'5'). */
export interface SurveyAnswer {
  name: string;
  value: string;
}

/** `livechat/offline.message` input. */
export interface OfflineMessageInput {
  name: string;
  email: string;
  message: string;
  department?: string;
  host?: string;
}

/** `livechat/page.visited` `pageInfo`, as the widget sends it. */
export interface RcPageInfo {
  change: 'url';
  title: string;
  location: {href: string};
}

const path = (...parts: string[]) => parts.map(encodeURIComponent).join('/');

function unreadable(what: string): LiveChatError {
  return new LiveChatError('server', `The server sent an unreadable ${what}`);
}

/** `POST livechat/visitor.status`: the widget reports `online` or `away`. */
export async function setVisitorStatus(
  rest: RestClient,
  token: string,
  status: 'online' | 'away',
): Promise<void> {
  await rest.post('livechat/visitor.status', {token, status});
}

/** `GET livechat/visitor/:token`. */
export async function getVisitor(rest: RestClient, token: string): Promise<RcVisitor> {
  const body = await rest.get(`livechat/visitor/${path(token)}`);
  if (!isObject(body.visitor)) throw unreadable('visitor');
  return body.visitor as unknown as RcVisitor;
}

/** `DELETE livechat/visitor/:token` (refused with `visitor-has-open-rooms`). */
export async function deleteVisitor(rest: RestClient, token: string): Promise<void> {
  await rest.delete(`livechat/visitor/${path(token)}`);
}

/** `PUT livechat/message/:_id`: edits one of the visitor's own messages. */
export async function editMessage(
  rest: RestClient,
  input: {id: string; token: string; rid: string; msg: string},
): Promise<RcMessage> {
  const {id, token, rid, msg} = input;
  const body = await rest.put(`livechat/message/${path(id)}`, {token, rid, msg});
  const message = decodeRcMessage(body.message);
  if (!message) throw unreadable('message');
  return message;
}

/** `DELETE livechat/message/:_id`: deletes one of the visitor's own messages. */
export async function deleteMessage(
  rest: RestClient,
  input: {id: string; token: string; rid: string},
): Promise<void> {
  await rest.delete(`livechat/message/${path(input.id)}`, {token: input.token, rid: input.rid});
}

/** `POST livechat/transcript`: emails the room's transcript; resolves the server's text. */
export async function requestTranscript(
  rest: RestClient,
  input: {token: string; rid: string; email: string},
): Promise<string> {
  const body = await rest.post('livechat/transcript', input);
  return typeof body.message === 'string' ? body.message : '';
}

/** `POST livechat/room.survey` with every answer at once. */
export async function sendSurvey(
  rest: RestClient,
  input: {token: string; rid: string; data: SurveyAnswer[]},
): Promise<void> {
  await rest.post('livechat/room.survey', input);
}

/** `POST livechat/room.transfer`: the visitor moves the open room to another department. */
export async function transferRoom(
  rest: RestClient,
  input: {token: string; rid: string; department: string},
): Promise<RcRoom | null> {
  const body = await rest.post('livechat/room.transfer', input);
  return isObject(body.room) && typeof body.room._id === 'string'
    ? (body.room as unknown as RcRoom)
    : null;
}

/** `POST livechat/offline.message`; resolves the server's confirmation text. */
export async function sendOfflineMessage(
  rest: RestClient,
  input: OfflineMessageInput,
): Promise<string> {
  const body = await rest.post('livechat/offline.message', input);
  return typeof body.message === 'string' ? body.message : '';
}

/** `POST livechat/page.visited`. */
export async function sendPageVisited(
  rest: RestClient,
  input: {token: string; rid?: string; pageInfo: RcPageInfo},
): Promise<void> {
  await rest.post('livechat/page.visited', input);
}

/** `POST livechat/custom.field`: one field. */
export async function sendCustomField(
  rest: RestClient,
  input: CustomFieldInput & {token: string},
): Promise<void> {
  await rest.post('livechat/custom.field', input);
}

/** `POST livechat/custom.fields`: several at once (the answer spells `Key`, sic). */
export async function sendCustomFields(
  rest: RestClient,
  token: string,
  customFields: CustomFieldInput[],
): Promise<void> {
  await rest.post('livechat/custom.fields', {token, customFields});
}

/**
 * `POST livechat/room.read`, the reference server's addition (Rocket.Chat has no visitor read
 * call): the visitor has read the room up to `messageId`.
 */
export async function markRoomRead(
  rest: RestClient,
  token: string,
  rid: string,
  messageId: string,
): Promise<void> {
  await rest.post('livechat/room.read', {token, rid, messageId});
}

/** `GET livechat/agent.next/:token`: who would serve; null when the server names nobody. */
export async function nextAgent(
  rest: RestClient,
  token: string,
  department?: string,
): Promise<RcAgent | null> {
  const body = await rest.get(`livechat/agent.next/${path(token)}`, {department});
  return isObject(body.agent) ? (body.agent as unknown as RcAgent) : null;
}
