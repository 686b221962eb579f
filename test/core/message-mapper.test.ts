import {expect} from '@open-wc/testing';
import {
  isVisibleMessage,
  mergeMessages,
  toAgentInfo,
  toMessage,
} from '../../src/core/message-mapper.js';
import type {RcMessage} from '../../src/core/protocol/index.js';
import type {Message} from '../../src/core/types.js';

const context = {token: 'tok', visitorId: 'v1', server: 'https://chat.example.com'};
const base: RcMessage = {
  _id: 'm1',
  rid: 'r1',
  msg: 'hello',
  ts: {$date: 1000},
  u: {_id: 'a1', username: 'agent', name: 'Agent A'},
};
const roleOf = (raw: RcMessage) => toMessage(raw, context).author.role;

describe('message-mapper', () => {
  it('maps an agent message to the public shape', () => {
    expect(toMessage(base, context)).to.deep.equal({
      id: 'm1',
      rid: 'r1',
      text: 'hello',
      ts: 1000,
      author: {id: 'a1', username: 'agent', name: 'Agent A', role: 'agent'},
      status: 'sent',
    });
  });

  it('recognises the visitor by token or by user id, and system messages by t', () => {
    expect(roleOf({...base, token: 'tok', u: {_id: 'x', username: 'guest-1'}})).to.equal('visitor');
    expect(roleOf({...base, u: {_id: 'v1', username: 'guest-1'}})).to.equal('visitor');
    expect(toMessage({...base, t: 'uj'}, context)).to.include({type: 'uj'});
    expect(roleOf({...base, t: 'livechat-close', token: 'tok'})).to.equal('system');
  });

  it('shows joins, leaves, transfers and the close, and hides other system messages', () => {
    const visible = ['uj', 'ul', 'livechat-close', 'livechat_transfer_history'];
    const hidden = ['command', 'livechat-started', 'livechat_navigation_history', 'au', 'r'];
    for (const t of visible) expect(isVisibleMessage({...base, t}), t).to.equal(true);
    for (const t of hidden) expect(isVisibleMessage({...base, t}), t).to.equal(false);
    expect(isVisibleMessage(base)).to.equal(true);
    expect(isVisibleMessage({...base, t: 'ul'}, ['ul'])).to.equal(false);
  });

  it('makes attachment URLs absolute and keeps the edit time', () => {
    const image = {title: 'a.png', image_url: '/file-upload/f/a.png', image_type: 'image/png'};
    const edited = '2026-01-01T00:00:05.000Z';
    const attachments = [{...image, image_size: 12}];
    const message = toMessage({...base, editedAt: edited, attachments}, context);
    expect(message.attachments).to.deep.equal([
      {title: 'a.png', url: `${context.server}/file-upload/f/a.png`, type: 'image/png', size: 12},
    ]);
    expect(message.editedAt).to.equal(Date.parse(edited));
  });

  it('opens a file through its signed publicFilePath, with its type, size and dimensions', () => {
    const file = {_id: 'f1', name: 'doc.pdf', type: 'application/pdf'};
    const signed = 'https://cdn.example.com/file-upload/f1/doc.pdf?token=jwt';
    const pdf = {title: 'doc.pdf', type: 'file', title_link: '/file-upload/f1/doc.pdf'};
    const raw = {...base, file, attachments: [pdf]};
    const fileUpload = {publicFilePath: signed, type: 'application/pdf', size: 2048};
    expect(toMessage({...raw, fileUpload}, context).attachments).to.deep.equal([
      {title: 'doc.pdf', url: signed, type: 'application/pdf', size: 2048},
    ]);
    expect(toMessage(raw, context).attachments![0].url).to.equal(
      `${context.server}/file-upload/f1/doc.pdf`,
    );
    const image = {
      title: 'a.png',
      image_url: '/file-upload/f1/a.png',
      image_type: 'image/png',
      image_dimensions: {width: 640, height: 480},
    };
    expect(toMessage({...base, attachments: [image]}, context).attachments![0]).to.include({
      width: 640,
      height: 480,
    });
  });

  it('drops attachment links that are not http or https', () => {
    const hostile = {title: 'x', title_link: 'javascript:alert(1)'};
    expect(toMessage({...base, attachments: [hostile]}, context).attachments).to.deep.equal([
      {title: 'x'},
    ]);
  });

  it('maps agent info, and hides it when the server does', () => {
    const agent = {_id: 'a1', username: 'agent', name: 'Agent A', status: 'online'} as const;
    expect(toAgentInfo(agent, context.server)).to.deep.equal({
      id: 'a1',
      username: 'agent',
      name: 'Agent A',
      status: 'online',
      avatarUrl: 'https://chat.example.com/avatar/agent',
    });
    expect(toAgentInfo({hiddenInfo: true} as never, context.server)).to.equal(null);
  });

  it('upserts by id and sorts by time without touching the input', () => {
    const m = (id: string, ts: number, text = id): Message => ({
      ...toMessage(base, context),
      id,
      ts,
      text,
    });
    const current = [m('a', 1), m('b', 3)];
    const merged = mergeMessages(current, [m('c', 2), m('b', 3, 'edited'), m('a', 1)]);
    expect(merged.map((x) => `${x.id}:${x.text}`)).to.deep.equal(['a:a', 'c:c', 'b:edited']);
    expect(current.map((x) => x.text)).to.deep.equal(['a', 'b']);
  });
});
