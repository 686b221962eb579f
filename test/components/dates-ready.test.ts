import {expect, fixture, html} from '@open-wc/testing';
import {defineWindowElements} from '../../src/components/window/window-elements.js';
import type {LcMessageList} from '../../src/components/message-list/message-list.js';
import {datesReady, whenDatesReady} from '../../src/i18n/dates-ready.js';
import {makeMessage, visitorMessage} from './fixtures.js';

const yesterday = () => {
  const day = new Date();
  day.setDate(day.getDate() - 1);
  day.setHours(9, 5, 0, 0);
  return day.getTime();
};

// A page of its own: no list has asked for dates before this one.
describe('dates in a new page', () => {
  before(() => defineWindowElements());

  it('shows the first messages at once and their times and day headings a paint later, in lines kept for them', async () => {
    expect(datesReady()).to.equal(false);
    const messages = [
      makeMessage({text: 'Good morning', ts: yesterday()}),
      makeMessage({text: 'Still there?', ts: Date.now()}),
      visitorMessage({text: 'Yes!', ts: Date.now()}),
    ];
    // A window mounts its list before the restored messages come: the list waits for them.
    const el = await fixture<LcMessageList>(html`<lc-message-list></lc-message-list>`);
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
    expect(datesReady()).to.equal(false);
    el.messages = messages;
    await el.updateComplete;
    const root = el.shadowRoot!;
    const log = root.querySelector<HTMLElement>('[role="log"]')!;
    const texts = () => [...root.querySelectorAll('.text')].map((t) => t.textContent!.trim());
    const times = () => [...root.querySelectorAll('.meta time')].map((t) => t.textContent);
    const days = () =>
      [...root.querySelectorAll('[part="day-heading"]')].map((d) => d.textContent!.trim());
    expect(texts()).to.deep.equal(['Good morning', 'Still there?', 'Yes!']);
    expect(times()).to.deep.equal(['', '', '']);
    expect(days()).to.deep.equal(['', '']);
    const heightBefore = log.scrollHeight;

    await whenDatesReady();
    await el.updateComplete;
    const format = new Intl.DateTimeFormat('en', {hour: 'numeric', minute: '2-digit'});
    expect(times()).to.deep.equal(messages.map((m) => format.format(m.ts)));
    expect(days()).to.deep.equal(['Yesterday', 'Today']);
    expect(log.scrollHeight, 'no line moved when the dates came').to.equal(heightBefore);
  });
});
