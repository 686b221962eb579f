import {expect, fixture, html, waitUntil} from '@open-wc/testing';
import '../../src/index.js';
import '../../src/live-chat-app.js';
import {applyLocale, getLocale} from '../../src/i18n/localization.js';
import type {LiveChat} from '../../src/live-chat.js';

// Nothing listens there: the corner must not wait for a server.
const UNREACHABLE = 'http://127.0.0.1:9/';

const launcherBox = (el: LiveChat) =>
  el.shadowRoot!.querySelector('lc-launcher')!.getBoundingClientRect();

async function switchTo(el: LiveChat, locale: string): Promise<void> {
  el.lang = locale;
  await waitUntil(() => getLocale() === locale, `${locale} loads`);
  await waitUntil(() => el.dir === (locale === 'ar' ? 'rtl' : 'ltr'), 'the widget turns');
}

describe('<live-chat> corner', () => {
  afterEach(async () => {
    document.documentElement.removeAttribute('dir');
    await applyLocale('en');
  });

  it('keeps the corner of a left-to-right page from its first paint when the chat turns Arabic', async () => {
    const el = await fixture<LiveChat>(
      html`<live-chat server=${UNREACHABLE} lang="ar"></live-chat>`,
    );
    const first = launcherBox(el);
    expect(first.right, 'bottom right at first').to.be.above(window.innerWidth / 2);
    await switchTo(el, 'ar');
    expect(launcherBox(el).toJSON(), 'in Arabic').to.deep.equal(first.toJSON());

    el.show();
    const win = el.shadowRoot!.querySelector('lc-window')!;
    await waitUntil(() => !win.hidden && win.getBoundingClientRect().width > 0, 'it opens');
    const box = win.getBoundingClientRect();
    expect(Math.round(box.right), 'the window above the launcher').to.equal(
      Math.round(first.right),
    );
    expect(box.left, 'and inside the viewport').to.be.at.least(0);
  });

  it("takes the bottom-left corner of a right-to-left page, whatever the chat's language", async () => {
    document.documentElement.dir = 'rtl';
    const el = await fixture<LiveChat>(html`<live-chat server=${UNREACHABLE}></live-chat>`);
    expect(launcherBox(el).left, 'in English').to.be.below(window.innerWidth / 2);
    await switchTo(el, 'ar');
    expect(launcherBox(el).left, 'in Arabic').to.be.below(window.innerWidth / 2);
  });

  it('mirrors position="left" on a right-to-left page only', async () => {
    const el = await fixture<LiveChat>(
      html`<live-chat server=${UNREACHABLE} position="left" lang="ar"></live-chat>`,
    );
    await switchTo(el, 'ar');
    expect(launcherBox(el).left, 'left on an English page').to.be.below(window.innerWidth / 2);
    el.remove();
    document.documentElement.dir = 'rtl';
    const mirrored = await fixture<LiveChat>(
      html`<live-chat server=${UNREACHABLE} position="left" lang="ar"></live-chat>`,
    );
    expect(launcherBox(mirrored).right, 'right on an Arabic page').to.be.above(
      window.innerWidth / 2,
    );
  });
});
