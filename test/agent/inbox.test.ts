import {expect} from '@open-wc/testing';
import type {AgentApi} from '../../src/agent/api.js';
import {Inbox} from '../../src/agent/inbox.js';
import type {QueueEntry} from '../../src/agent/types.js';

const entry = (visitorStatus: string): QueueEntry => ({
  inquiryId: 'q1',
  rid: 'r1',
  visitorName: 'Wanda',
  visitorStatus,
  since: 0,
});

describe('agent console inbox: the queue', () => {
  it('keeps the latest answer when an older load of the queue comes back after it', async () => {
    const answers: ((queue: QueueEntry[]) => void)[] = [];
    const api = {
      queued: () => new Promise<QueueEntry[]>((resolve) => answers.push(resolve)),
    };
    const inbox = new Inbox(api as unknown as AgentApi);
    // The visitor was online, then left: two queue changes, two loads.
    const first = inbox.loadQueue();
    const second = inbox.loadQueue();
    answers[1]!([entry('offline')]);
    await second;
    answers[0]!([entry('online')]);
    await first;
    expect(inbox.snapshot.queue.map((q) => q.visitorStatus)).to.deep.equal(['offline']);
    expect(inbox.snapshot.queueStatus).to.equal('loaded');
  });
});
