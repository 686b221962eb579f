import {expect, fixture, html} from '@open-wc/testing';
import {defineAgentElements} from '../../src/agent/define.js';
import type {LcAgentVisitorPanel} from '../../src/agent/visitor-panel.js';
import type {VisitorPanelSnapshot} from '../../src/agent/visitor-panel-model.js';

const LONG_TITLE = 'Kettle & Crank Cycles · Bikes, repairs and rentals for the whole family';

function snapshot(): VisitorPanelSnapshot {
  return {
    status: 'loaded',
    notes: '',
    notesStatus: 'idle',
    details: {
      rid: 'r1',
      name: 'Maria Gonzalez',
      email: 'maria@example.com',
      phone: '',
      department: 'Sales',
      fields: [],
      language: 'en-US',
      timeZone: 'UTC',
      pages: [
        {title: LONG_TITLE, href: 'https://shop.example/bikes', ts: Date.UTC(2026, 0, 5, 14, 47)},
      ],
      chats: [],
    },
  };
}

/** On how many lines an element's text lies. */
function lines(element: Element): number {
  const range = document.createRange();
  range.selectNodeContents(element);
  return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
}

describe('<lc-agent-visitor-panel>', () => {
  before(() => defineAgentElements());

  it("keeps a visited page's time on one line beside a title that wraps", async () => {
    // As narrow as the panel is beside a chat on a 1280 px screen.
    const el = await fixture<LcAgentVisitorPanel>(
      html`<lc-agent-visitor-panel style="display: block; width: 16rem" .state=${snapshot()}>
      </lc-agent-visitor-panel>`,
    );
    // Below 1100 px the details fold behind their button.
    el.shadowRoot!.querySelector<HTMLButtonElement>('.bar button')?.click();
    await el.updateComplete;
    const item = el.shadowRoot!.querySelector('.pages li')!;
    expect(lines(item.querySelector('a')!)).to.be.above(1, 'the title wraps');
    expect(lines(item.querySelector('time')!)).to.equal(1);
  });
});
