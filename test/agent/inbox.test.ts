import {expect} from '@open-wc/testing';
import {AgentApiError} from '../../src/agent/api.js';
import type {AgentApi} from '../../src/agent/api.js';
import {Inbox, QUEUE_RELOAD_MS} from '../../src/agent/inbox.js';
import type {QueueEntry} from '../../src/agent/types.js';

const entry = (visitorStatus: string): QueueEntry => ({
  inquiryId: 'q1',
  rid: 'r1',
  visitorName: 'Wanda',
  visitorStatus,
  since: 0,
});

const LIMITED =
  'Error, too many requests. Please slow down. You must wait 1 seconds before trying this ' +
  'endpoint again. [error-too-many-requests]';

describe('agent console inbox: the queue', () => {
  it('reads a burst of queue changes with one more load, and shows its newest list', async () => {
    const answers: ((queue: QueueEntry[]) => void)[] = [];
    const calledAt: number[] = [];
    const api = {
      queued: () => {
        calledAt.push(Date.now());
        return new Promise<QueueEntry[]>((resolve) => answers.push(resolve));
      },
    };
    const inbox = new Inbox(api as unknown as AgentApi);
    // The visitor was online, then left, then three more chats joined: five changes.
    const first = inbox.loadQueue();
    while (answers.length < 1) await new Promise((resolve) => setTimeout(resolve, 0));
    const later = [1, 2, 3, 4].map(() => inbox.loadQueue());
    answers[0]!([entry('online')]);
    await first;
    expect(inbox.snapshot.queue.map((q) => q.visitorStatus)).to.deep.equal(['online']);
    while (answers.length < 2) await new Promise((resolve) => setTimeout(resolve, 20));
    answers[1]!([entry('offline')]);
    await Promise.all(later);
    expect(answers).to.have.length(2);
    expect(calledAt[1]! - calledAt[0]!).to.be.at.least(QUEUE_RELOAD_MS - 5);
    expect(inbox.snapshot.queue.map((q) => q.visitorStatus)).to.deep.equal(['offline']);
    expect(inbox.snapshot.queueStatus).to.equal('loaded');
    inbox.dispose();
  });

  it('keeps the list on screen when the server holds the reload back, and reads it after the wait', async () => {
    const replies: (() => Promise<QueueEntry[]>)[] = [
      async () => [entry('online')],
      async () => {
        throw new AgentApiError(429, LIMITED);
      },
      async () => [entry('offline')],
    ];
    const calledAt: number[] = [];
    const api = {
      queued: () => {
        calledAt.push(Date.now());
        return replies[calledAt.length - 1]!();
      },
    };
    const inbox = new Inbox(api as unknown as AgentApi);
    await inbox.loadQueue();
    await inbox.loadQueue();
    expect(calledAt).to.have.length(2);
    expect(inbox.snapshot.queueStatus).to.equal('loaded');
    expect(inbox.snapshot.queue.map((q) => q.visitorStatus)).to.deep.equal(['online']);
    await new Promise<void>((resolve) => {
      const off = inbox.subscribe((snapshot) => {
        if (snapshot.queue[0]?.visitorStatus !== 'offline') return;
        off();
        resolve();
      });
    });
    expect(calledAt).to.have.length(3);
    expect(calledAt[2]! - calledAt[1]!).to.be.at.least(1000 - 5);
    inbox.dispose();
  });
});
