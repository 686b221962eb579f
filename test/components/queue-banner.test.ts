import {expect, fixture, html} from '@open-wc/testing';
import {defineWindowElements} from '../../src/components/window/window-elements.js';
import {formatWait, type LcQueueBanner} from '../../src/components/queue-banner/queue-banner.js';
import {applyLocale} from '../../src/i18n/localization.js';

const text = (el: LcQueueBanner) =>
  el.shadowRoot!.querySelector('[role="status"]')!.textContent!.replace(/\s+/g, ' ').trim();

describe('<lc-queue-banner>', () => {
  before(() => defineWindowElements());
  afterEach(() => applyLocale('en'));

  it('stays an empty, hidden status region while the visitor is not waiting', async () => {
    const el = await fixture<LcQueueBanner>(html`<lc-queue-banner></lc-queue-banner>`);
    const region = el.shadowRoot!.querySelector('[role="status"]')!;
    expect(region.textContent).to.equal('');
    expect(getComputedStyle(region).display).to.equal('none');
  });

  it('tells the place in line, then the estimated wait when known', async () => {
    const el = await fixture<LcQueueBanner>(
      html`<lc-queue-banner .queue=${{position: 3}}></lc-queue-banner>`,
    );
    expect(text(el)).to.equal('You are number 3 in line');
    el.queue = {position: 2, estimatedWaitSeconds: 150};
    await el.updateComplete;
    expect(text(el)).to.equal('You are number 2 in line Estimated wait: 3 minutes');
    await expect(el).to.be.accessible();
  });

  it('formats numbers and durations for the locale', async () => {
    const el = await fixture<LcQueueBanner>(
      html`<lc-queue-banner .queue=${{position: 2, estimatedWaitSeconds: 60}}></lc-queue-banner>`,
    );
    await applyLocale('de');
    await el.updateComplete;
    expect(text(el)).to.equal(
      'Sie sind Nummer 2 in der Warteschlange Geschätzte Wartezeit: 1 Minute',
    );
    await applyLocale('ar');
    await el.updateComplete;
    const two = new Intl.NumberFormat('ar').format(2);
    const wait = formatWait(60, 'ar');
    expect(text(el)).to.equal(`أنت رقم ${two} في قائمة الانتظار وقت الانتظار المتوقع: ${wait}`);
    expect(formatWait(5, 'en')).to.equal('1 minute');
  });
});
