import {expect} from '@open-wc/testing';
import {APP_TITLE, Attention} from '../../src/agent/attention.js';
import type {
  ConsoleMessage,
  ConsoleSnapshot,
  InboxSnapshot,
  QueueEntry,
  RoomSummary,
} from '../../src/agent/types.js';
import {roomSummary} from './fixtures.js';

const room = (rid: string, unread = 0) => roomSummary({rid, visitorName: `Visitor ${rid}`, unread});

function snapshot(
  rooms: RoomSummary[],
  selected: string | null = null,
  messages: ConsoleMessage[] = [],
  isChatShown = true,
): ConsoleSnapshot {
  return {
    rooms,
    selected: rooms.find((r) => r.rid === selected) ?? null,
    isChatShown,
    messages,
    totalUnread: rooms.reduce((n, r) => n + r.unread, 0),
    connection: 'connected',
    isAvailable: true,
    feedback: null,
  };
}

const waiting = (...entries: [inquiryId: string, rid: string][]): InboxSnapshot => ({
  offline: [],
  offlineUnread: 0,
  offlineTotal: 0,
  offlineStatus: 'loaded',
  departments: [],
  queue: entries.map(([inquiryId, rid]): QueueEntry => ({
    inquiryId,
    rid,
    visitorName: `Visitor ${rid}`,
    visitorStatus: 'online',
    since: 0,
  })),
  queueStatus: 'loaded',
});

const visitorMessage = (rid: string, id: string): ConsoleMessage => ({
  id,
  rid,
  text: 'Hello?',
  ts: Date.now() + 1000,
  authorName: `Visitor ${rid}`,
  authorId: 'v',
  role: 'visitor',
  status: 'sent',
});

describe('agent console: getting the agent’s attention', () => {
  const realAudio = window.Audio;
  const realNotification = window.Notification;
  let chimes: string[];
  let notices: {title: string; body?: string; onclick: (() => void) | null}[];
  let isHidden: boolean;
  let opened: string[];
  let spoken: string[];
  let attention: Attention;

  beforeEach(() => {
    chimes = [];
    notices = [];
    isHidden = false;
    opened = [];
    spoken = [];
    Object.defineProperty(document, 'hidden', {configurable: true, get: () => isHidden});
    (window as {Audio: unknown}).Audio = function (src: string) {
      chimes.push(src);
      return {play: () => Promise.resolve()};
    };
    const FakeNotification = function (
      this: (typeof notices)[number],
      title: string,
      options: NotificationOptions,
    ) {
      Object.assign(this, {title, body: options.body, onclick: null, close: () => undefined});
      notices.push(this);
    };
    Object.assign(FakeNotification, {permission: 'granted'});
    (window as {Notification: unknown}).Notification = FakeNotification;
    attention = new Attention({
      baseUrl: 'http://shop.example',
      openChat: (rid) => opened.push(rid),
      openQueue: () => opened.push('queue'),
      announce: (text) => spoken.push(text),
      onChange: () => undefined,
      chimeGapMs: 0,
    });
  });

  afterEach(() => {
    attention.dispose();
    localStorage.removeItem('live-chat-agent:muted');
    delete (document as {hidden?: unknown}).hidden;
    window.Audio = realAudio;
    window.Notification = realNotification;
  });

  it('chimes in view for a new chat and a message elsewhere, not for the open chat', () => {
    attention.observe(snapshot([room('a')], 'a'));
    expect(chimes).to.deep.equal([], 'what was there at login is no news');

    attention.observe(snapshot([room('a'), room('b')], 'a'));
    expect(chimes).to.deep.equal(['http://shop.example/sounds/chime.wav'], 'a new chat');

    attention.observe(snapshot([room('a'), room('b')], 'a', [visitorMessage('a', 'm1')]));
    expect(chimes.length).to.equal(1, 'the agent reads the open chat already');

    attention.observe(
      snapshot([room('a'), {...room('b', 1), lastText: 'Are you **there**?'}], 'a'),
    );
    expect(chimes.length).to.equal(2, 'a message into another chat');
    expect(notices).to.deep.equal([], 'no desktop notification while the console is in view');
    expect(document.title).to.equal(`(1) ${APP_TITLE}`);
    expect(spoken).to.deep.equal(
      ['New chat from Visitor b', 'Visitor b wrote: Are you there?'],
      'news from outside the open chat is spoken; the open chat’s log speaks for itself',
    );
  });

  it('alerts once for a message into the open chat while another section is on screen', () => {
    attention.observe(snapshot([room('a')], 'a', [], false));
    isHidden = true;
    attention.observe(snapshot([room('a', 1)], 'a', [visitorMessage('a', 'm1')], false));
    expect(chimes.length).to.equal(1);
    expect(notices.map((n) => n.title)).to.deep.equal(['Visitor a']);
    expect(document.title).to.equal(`(1) ${APP_TITLE}`, 'one message, counted once');
  });

  it('chimes and counts for each visitor who joins the queue; taking one is no news', () => {
    attention.observe(snapshot([]));
    attention.observeQueue(waiting(['q1', 'r1']));
    expect(chimes.length).to.equal(0, 'who waited at login is counted, not chimed');
    expect(document.title).to.equal(`(1) ${APP_TITLE}`);

    attention.observeQueue(waiting(['q1', 'r1'], ['q2', 'r2']));
    expect(chimes.length).to.equal(1);
    expect(document.title).to.equal(`(2) ${APP_TITLE}`);
    expect(spoken).to.deep.equal(['Visitor r2 is waiting in the queue']);

    // The agent takes the first one: it leaves the queue and arrives among the chats.
    attention.observeQueue(waiting(['q2', 'r2']));
    attention.observe(snapshot([room('r1')], 'r1'));
    expect(chimes.length).to.equal(1, 'no "new chat" for a chat taken from the queue');
    expect(document.title).to.equal(`(1) ${APP_TITLE}`);
  });

  it('does not call an agent who is away to the queue', () => {
    attention.observe({...snapshot([]), isAvailable: false});
    attention.observeQueue(waiting());
    attention.observeQueue(waiting(['q1', 'r1']));
    expect(chimes).to.deep.equal([]);
    expect(spoken).to.deep.equal([]);
    expect(document.title).to.equal(`(1) ${APP_TITLE}`, 'still counted');
  });

  it('while hidden, notifies of a waiting visitor and opens the queue on a click', () => {
    attention.observe(snapshot([]));
    attention.observeQueue(waiting());
    isHidden = true;
    attention.observeQueue(waiting(['q1', 'r1']));
    expect(chimes.length).to.equal(1);
    expect(notices.map((n) => [n.title, n.body])).to.deep.equal([
      ['Visitor waiting', 'Visitor r1'],
    ]);
    notices[0].onclick!();
    expect(opened).to.deep.equal(['queue']);
  });

  it('stays silent once the agent mutes the sound, in later sessions too', () => {
    attention.observe(snapshot([]));
    attention.setSound(false);
    const later = new Attention({
      baseUrl: 'http://shop.example',
      openChat: () => undefined,
      openQueue: () => undefined,
      announce: (text) => spoken.push(text),
      onChange: () => undefined,
      chimeGapMs: 0,
    });
    try {
      expect(later.isSoundOn).to.equal(false);
      later.observe(snapshot([]));
      later.observe(snapshot([room('a')]));
      expect(chimes).to.deep.equal([]);
      expect(spoken).to.deep.equal(['New chat from Visitor a'], 'still said to screen readers');
      later.setSound(true);
      later.observe(snapshot([room('a'), room('b')]));
      expect(chimes.length).to.equal(1);
    } finally {
      later.dispose();
    }
  });
});
