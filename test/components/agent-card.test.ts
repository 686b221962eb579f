import {expect, fixture, html, waitUntil} from '@open-wc/testing';
import {defineWindowElements} from '../../src/components/window/window-elements.js';
import {initials, type LcAgentCard} from '../../src/components/agent-card/agent-card.js';
import {applyLocale} from '../../src/i18n/localization.js';

// A 1×1 transparent GIF: an avatar that loads without a network.
const PIXEL = 'data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw==';
const AGENT = {id: 'a1', username: 'ada', name: 'Ada Lovelace', status: 'online'};

describe('<lc-agent-card>', () => {
  before(() => defineWindowElements());
  afterEach(() => applyLocale('en'));

  it('shows the picture once loaded, with the name, presence and a text alternative', async () => {
    const el = await fixture<LcAgentCard>(
      html`<lc-agent-card .agent=${{...AGENT, avatarUrl: PIXEL}}></lc-agent-card>`,
    );
    const root = el.shadowRoot!;
    const img = root.querySelector('img')!;
    await waitUntil(() => !img.hidden, 'the picture shows once loaded');
    expect(img.getAttribute('src')).to.equal(PIXEL);
    expect(img.getAttribute('alt')).to.equal('Ada Lovelace');
    expect(root.querySelector('.avatar')!.textContent!.trim()).to.equal('', 'no initials');
    expect(root.querySelector('.name')!.textContent).to.equal('Ada Lovelace');
    expect(root.querySelector('.status')!.textContent!.trim()).to.equal('Online');
    await expect(el).to.be.accessible();
  });

  it('shows initials while the picture loads and instead of a broken one', async () => {
    const broken = {...AGENT, avatarUrl: 'data:image/png;base64,broken'};
    const el = await fixture<LcAgentCard>(html`<lc-agent-card .agent=${broken}></lc-agent-card>`);
    const avatar = () => el.shadowRoot!.querySelector('.avatar')!;
    const img = avatar().querySelector('img');
    expect(img === null || img.hidden, 'never shown before it loads').to.be.true;
    expect(avatar().textContent!.trim()).to.equal('AL');
    await waitUntil(() => !avatar().querySelector('img'), 'the broken picture goes');
    expect(avatar().textContent!.trim()).to.equal('AL');
    await expect(el).to.be.accessible();
    el.agent = {...AGENT, avatarUrl: PIXEL};
    await waitUntil(() => avatar().querySelector('img')?.hidden === false, 'a new picture loads');
    el.agent = {id: 'a2', username: 'grace', name: '', status: 'away'};
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.name')!.textContent).to.equal('grace');
    expect(avatar().textContent!.trim()).to.equal('G');
    expect(avatar().querySelector('img')).to.equal(null);
  });

  it('translates the presence', async () => {
    const el = await fixture<LcAgentCard>(html`<lc-agent-card .agent=${AGENT}></lc-agent-card>`);
    await applyLocale('de');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.status')!.textContent!.trim()).to.equal('Online');
    el.agent = {...AGENT, status: 'away'};
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.status')!.textContent!.trim()).to.equal('Abwesend');
  });

  it('cuts a long name to its width, whole in the text and on hover', async () => {
    const name = 'Bartholomewmaximilianalexandercristobaljohannes Featherstonehaugh';
    const box = await fixture<HTMLDivElement>(
      html`<div style="inline-size: 240px">
        <lc-agent-card .agent=${{...AGENT, name}}></lc-agent-card>
      </div>`,
    );
    const el = box.querySelector('lc-agent-card')!;
    await el.updateComplete;
    const shown = el.shadowRoot!.querySelector<HTMLElement>('.name')!;
    expect(el.getBoundingClientRect().width).to.be.at.most(240);
    expect(shown.scrollWidth, 'cut').to.be.above(shown.clientWidth);
    expect(shown.textContent).to.equal(name);
    expect(shown.title).to.equal(name);
  });

  it('renders nothing without an agent, and makes initials from whole characters', async () => {
    const el = await fixture<LcAgentCard>(html`<lc-agent-card></lc-agent-card>`);
    expect(el.shadowRoot!.querySelector('.card') === null).to.be.true;
    expect(initials('  émile   zola ')).to.equal('ÉZ');
    expect(initials('😀 Smile')).to.equal('😀S');
    expect(initials('')).to.equal('');
  });
});
