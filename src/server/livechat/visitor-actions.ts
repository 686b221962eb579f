import {channels} from '../ddp/streams.js';
import {meteorError} from '../errors.js';
import type {CheckedField, CustomFieldValue} from './custom-fields.js';
import {checkCustomFields, storeCustomFields} from './custom-fields.js';
import type {Livechat} from './livechat.js';
import {invalidRoom} from './livechat.js';
import {publishVisitorChange} from './room-events.js';

/** Presence values a visitor may report (`POST livechat/visitor.status`). */
export const VISITOR_STATUSES = ['online', 'away', 'busy', 'offline'] as const;

/**
 * `POST livechat/visitor.status`: records presence and tells the room's subscribers and the
 * serving agent (`rooms-changed`, the room's `v.status`), or the queue's watchers while it waits.
 */
export function setVisitorStatus(livechat: Livechat, token: string, status: string): void {
  const visitor = livechat.requireVisitor(token);
  const {ctx} = livechat;
  ctx.visitors.setStatus(token, status);
  const room = ctx.rooms.findOpenByToken(token);
  if (room) {
    const event = {type: 'visitorData', visitor: {...visitor, status}};
    ctx.streams.publish(channels.livechatRoom(room._id), [event]);
    const full = ctx.rooms.findById(room._id, true);
    if (full) publishVisitorChange(ctx, full);
  }
}

/**
 * `DELETE livechat/visitor/:token`: removes the visitor with every closed room, message, file
 * and page view (Rocket.Chat's `removeGuest`); refused while a room is open. Any subscription
 * the token still holds ends.
 */
export function deleteVisitor(livechat: Livechat, token: string): {_id: string; ts: string} {
  const visitor = livechat.requireVisitor(token);
  const {ctx} = livechat;
  if (ctx.rooms.findOpenByToken(token)) {
    throw meteorError('visitor-has-open-rooms', 'Cannot remove visitors with opened rooms');
  }
  ctx.db.transaction(() => {
    for (const rid of ctx.rooms.idsOfVisitor(visitor._id)) {
      ctx.messages.deleteRoom(rid);
      ctx.transcripts.deleteRoom(rid);
      ctx.uploads.deleteRoom(rid);
      ctx.inquiries.removeRoom(rid);
    }
    ctx.rooms.deleteByVisitor(visitor._id);
    ctx.pageViews.deleteToken(token);
    ctx.visitors.delete(visitor._id);
  })();
  ctx.streams.publish(channels.visitorAccess(token), [{}]);
  return {_id: visitor._id, ts: new Date().toISOString()};
}

/** `POST livechat/custom.field`: one value; an unknown key is `invalid-custom-field`. */
export function setCustomField(
  livechat: Livechat,
  token: string,
  value: CustomFieldValue,
): CheckedField {
  livechat.requireVisitor(token);
  const [checked] = checkCustomFields(livechat.ctx.settings, [value], false);
  storeCustomFields(livechat.ctx, token, [checked]);
  return checked;
}

/** `POST livechat/custom.fields`: several values; unknown keys are skipped, as in Rocket.Chat. */
export function setCustomFields(
  livechat: Livechat,
  token: string,
  values: readonly CustomFieldValue[],
): CheckedField[] {
  livechat.requireVisitor(token);
  const checked = checkCustomFields(livechat.ctx.settings, values, true);
  storeCustomFields(livechat.ctx, token, checked);
  return checked;
}

/** What the widget reports about a page (`pageInfo` of `POST livechat/page.visited`). */
export interface PageInfo {
  change: string;
  title: string;
  location: {href: string};
}

/**
 * `POST livechat/page.visited`: records the page when `change` is the monitored kind
 * (`historyMonitorType`) and answers `{msg, navigation}`, else nothing: also for a token with
 * no visitor yet, which stores nothing. A given `rid` must be the visitor's own.
 */
export function pageVisited(
  livechat: Livechat,
  token: string,
  rid: string | undefined,
  pageInfo: PageInfo,
): {msg: string; navigation: {page: PageInfo; token: string}} | null {
  // Rocket.Chat's widget reports pages before the visitor registers; refusing those left it
  // with unhandled rejections. There is nobody to record them for yet.
  if (!livechat.ctx.visitors.findByToken(token)) return null;
  if (rid && !livechat.ctx.rooms.findByIdAndToken(rid, token)) throw invalidRoom();
  if (pageInfo.change !== livechat.ctx.settings.historyMonitorType) return null;
  livechat.ctx.pageViews.insert(token, rid, pageInfo.title, pageInfo.location.href);
  return {
    msg: `${pageInfo.title} - ${pageInfo.location.href}`,
    navigation: {page: pageInfo, token},
  };
}
