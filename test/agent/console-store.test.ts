import {expect} from '@open-wc/testing';
import type {AgentApi} from '../../src/agent/api.js';
import {ConsoleStore} from '../../src/agent/console-store.js';
import {ReadMarker} from '../../src/agent/read-marker.js';
import type {AgentRoom} from '../../src/agent/types.js';

const VISITOR = {_id: 'v1', username: 'guest-1', token: 'tok'};

/** An open room whose newest message is the visitor's (or the agent's) at `at`. */
function roomEnding(rid: string, at: string, by: 'visitor' | 'agent', readUntil?: string) {
  const author = by === 'visitor' ? {_id: 'v1', username: 'guest-1'} : {_id: 'me', username: 'a'};
  return {
    _id: rid,
    t: 'l',
    fname: `Visitor ${rid}`,
    ts: '2026-01-01T10:00:00.000Z',
    open: true,
    v: VISITOR,
    agentReadUntil: readUntil,
    lastMessage: {
      _id: `${rid}-last`,
      rid,
      msg: 'Hello?',
      ts: at,
      u: author,
      ...(by === 'visitor' ? {token: 'tok'} : {}),
    },
  } as unknown as AgentRoom;
}

describe('agent console: the chat list across a reload', () => {
  it('marks unread the chats whose newest visitor message the agent has not read', () => {
    const store = new ConsoleStore('me');
    store.setRooms([
      roomEnding('never-read', '2026-01-01T10:05:00.000Z', 'visitor'),
      roomEnding('read-before', '2026-01-01T10:05:00.000Z', 'visitor', '2026-01-01T10:04:00.000Z'),
      roomEnding('read', '2026-01-01T10:05:00.000Z', 'visitor', '2026-01-01T10:06:00.000Z'),
      roomEnding('answered', '2026-01-01T10:05:00.000Z', 'agent'),
    ]);
    const unread = Object.fromEntries(store.snapshot.rooms.map((r) => [r.rid, r.unread]));
    expect(unread).to.deep.equal({'never-read': 1, 'read-before': 1, read: 0, answered: 0});
    expect(store.snapshot.totalUnread).to.equal(2);
    // The live copy of a listed message may come after the list: it is not news twice.
    store.receive(roomEnding('never-read', '2026-01-01T10:05:00.000Z', 'visitor').lastMessage!);
    expect(store.snapshot.rooms.find((r) => r.rid === 'never-read')!.unread).to.equal(1);

    store.select('never-read');
    store.setRooms([roomEnding('never-read', '2026-01-01T10:05:00.000Z', 'visitor')]);
    expect(store.snapshot.rooms[0].unread).to.equal(0, 'the open chat is being read');
  });

  it('keeps what it knows of a chat that came while the list was being fetched', () => {
    const store = new ConsoleStore('me');
    const tina = roomEnding('tina', '2026-01-01T10:05:00.000Z', 'visitor');
    store.upsertRoom({...tina, lastMessage: undefined});
    store.receive(tina.lastMessage!);
    // The list the server sent predates her chat; the live stream told of it meanwhile.
    store.setRooms([], new Set(['tina']));
    expect(store.snapshot.rooms.map((r) => [r.rid, r.unread])).to.deep.equal([['tina', 1]]);
  });

  it('names the file of a chat whose newest message is a picture', () => {
    const store = new ConsoleStore('me');
    const room = roomEnding('photo', '2026-01-01T10:05:00.000Z', 'visitor');
    store.setRooms([
      {
        ...room,
        lastMessage: {
          ...room.lastMessage!,
          msg: '',
          file: {_id: 'f1', name: 'bike.png', type: 'image/png'},
        },
      },
    ]);
    expect(store.snapshot.rooms[0].lastText).to.equal('File: bike.png');
  });

  it('tells the server a chat is read as soon as it is opened, once per new message', async () => {
    const store = new ConsoleStore('me');
    const room = roomEnding('a', '2026-01-01T10:05:00.000Z', 'visitor');
    store.setRooms([room, roomEnding('b', '2026-01-01T10:04:00.000Z', 'visitor')]);
    const reads: string[] = [];
    const api = {markRead: (rid: string) => (reads.push(rid), Promise.resolve())};
    const marker = new ReadMarker(api as unknown as AgentApi, store);
    try {
      store.select('a');
      store.select('b'); // moved on before a's messages came
      expect(reads).to.deep.equal(['a', 'b'], 'read when opened, messages or not');

      store.select('a');
      store.setMessages('a', [room.lastMessage!]);
      expect(reads).to.deep.equal(['a', 'b'], 'nothing newer than what was read');
      store.receive({...room.lastMessage!, _id: 'a-next', ts: '2026-01-01T10:07:00.000Z'});
      expect(reads).to.deep.equal(['a', 'b', 'a'], 'a new message in the open chat');
    } finally {
      marker.dispose();
    }
  });
  it('leaves the open chat unread while the agent is in another section', () => {
    const store = new ConsoleStore('me');
    const room = roomEnding('a', '2026-01-01T10:05:00.000Z', 'agent');
    store.setRooms([room]);
    const reads: string[] = [];
    const api = {markRead: (rid: string) => (reads.push(rid), Promise.resolve())};
    const marker = new ReadMarker(api as unknown as AgentApi, store);
    try {
      store.select('a');
      expect(reads).to.deep.equal(['a']);
      store.showChat(false); // off to the queue
      const visitorSays = {
        _id: 'a-q',
        rid: 'a',
        msg: 'Still there?',
        ts: '2026-01-01T10:07:00.000Z',
        u: {_id: 'v1', username: 'guest-1'},
        token: 'tok',
      };
      store.receive(visitorSays);
      expect(store.snapshot.rooms[0].unread).to.equal(1);
      expect(store.snapshot.totalUnread).to.equal(1);
      expect(reads).to.deep.equal(['a'], 'the visitor is not told it was seen');

      store.showChat(true);
      expect(store.snapshot.totalUnread).to.equal(0);
      expect(reads).to.deep.equal(['a', 'a'], 'seen once the chat shows again');
    } finally {
      marker.dispose();
    }
  });
});

describe("agent console: the visitor's presence", () => {
  it('shows whether the visitor is there, and a visitor who left types no more', () => {
    const store = new ConsoleStore('me');
    const room = roomEnding('r1', '2026-01-01T10:05:00.000Z', 'visitor');
    store.setRooms([{...room, v: {...VISITOR, status: 'online'}}]);
    store.setTyping('r1', true, 'Where is my ord');
    expect(store.snapshot.rooms[0]).to.include({visitorStatus: 'online', isVisitorTyping: true});

    store.upsertRoom({...room, v: {...VISITOR, status: 'offline'}});
    expect(store.snapshot.rooms[0]).to.include({visitorStatus: 'offline', isVisitorTyping: false});
    store.upsertRoom({...room, v: {...VISITOR, status: 'online'}});
    expect(store.snapshot.rooms[0]).to.include({visitorStatus: 'online', isVisitorTyping: false});
  });
});
