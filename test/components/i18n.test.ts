import {expect, fixture, html, waitUntil} from '@open-wc/testing';
import '../../src/index.js';
import type {LcLauncher} from '../../src/components/launcher/launcher.js';
import type {LiveChat} from '../../src/live-chat.js';
import {applyLocale, getLocale, resolveLocale} from '../../src/i18n/localization.js';

const label = (el: LcLauncher) =>
  el.shadowRoot!.querySelector('button')!.getAttribute('aria-label');

describe('localization', () => {
  afterEach(() => applyLocale('en'));

  it('resolves the exact code, then the language, then English', () => {
    expect(resolveLocale('de')).to.equal('de');
    expect(resolveLocale('de-AT')).to.equal('de');
    expect(resolveLocale('ar_EG')).to.equal('ar');
    expect(resolveLocale('fr-FR')).to.equal('en');
    expect(resolveLocale('')).to.equal('en');
  });

  it('re-renders the launcher label in German and Arabic', async () => {
    const el = await fixture<LcLauncher>(html`<lc-launcher></lc-launcher>`);
    expect(label(el)).to.equal('Open chat');
    await applyLocale('de');
    await el.updateComplete;
    expect(label(el)).to.equal('Chat öffnen');
    await applyLocale('ar');
    await el.updateComplete;
    expect(label(el)).to.equal('فتح المحادثة');
    await applyLocale('en');
    await el.updateComplete;
    expect(label(el)).to.equal('Open chat');
  });

  it('follows the lang attribute and mirrors the widget for Arabic', async () => {
    const el = await fixture<LiveChat>(html`<live-chat lang="ar"></live-chat>`);
    await waitUntil(() => getLocale() === 'ar', 'Arabic loads');
    await el.updateComplete;
    expect(el.dir).to.equal('rtl');
    const launcher = el.shadowRoot!.querySelector('lc-launcher')!;
    await launcher.updateComplete;
    expect(label(launcher)).to.equal('فتح المحادثة');
    el.lang = 'de';
    await waitUntil(() => getLocale() === 'de', 'German loads');
    await el.updateComplete;
    expect(el.dir).to.equal('ltr');
  });
});
