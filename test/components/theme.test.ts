import {expect, fixture, html, waitUntil} from '@open-wc/testing';
import {emulateMedia} from '@web/test-runner-commands';
import '../../src/index.js';
import '../../src/live-chat-app.js';
import {needsDarkText} from '../../src/controllers/theme-controller.js';
import type {LiveChat} from '../../src/live-chat.js';

const UNREACHABLE = 'http://127.0.0.1:9/';

const dialogBox = (el: LiveChat) =>
  el.shadowRoot!.querySelector('lc-window')!.shadowRoot!.querySelector<HTMLElement>('.window')!;

// The window's and the markdown renderer's chunks load on first use: on a busy machine, in
// more than waitUntil's default second.
const CHUNK_MS = 10_000;

async function opened(el: LiveChat): Promise<HTMLElement> {
  el.show();
  await waitUntil(
    () => el.shadowRoot!.querySelector('lc-window')?.shadowRoot?.querySelector('.window'),
    'the window renders',
    {timeout: CHUNK_MS},
  );
  const box = dialogBox(el);
  await Promise.all(
    el
      .shadowRoot!.querySelector('lc-window')!
      .getAnimations()
      .map((animation) => animation.finished),
  );
  return box;
}

const surface = (el: LiveChat) => getComputedStyle(dialogBox(el)).backgroundColor;
const headerText = (el: LiveChat) =>
  getComputedStyle(dialogBox(el).querySelector('.header')!).color;

// Firefox runs this suite over WebDriver BiDi, which has no command to emulate
// prefers-color-scheme (puppeteer-core can do it only over CDP; Firefox ESR knows no such BiDi
// command), so only Chromium checks that the widget follows the system preference.
const canEmulateColorScheme = !navigator.userAgent.includes('Firefox');
// Defined only where it can run: no test is reported as skipped.
const itEmulatingColorScheme = canEmulateColorScheme ? it : () => undefined;

describe('themes', () => {
  afterEach(async () => {
    if (canEmulateColorScheme) await emulateMedia({colorScheme: 'light'});
  });

  it('theme="dark" gives the window the dark palette, with no contrast violation', async () => {
    const el = await fixture<LiveChat>(
      html`<live-chat server=${UNREACHABLE} theme="dark"> </live-chat>`,
    );
    const box = await opened(el);
    expect(getComputedStyle(box).backgroundColor).to.equal('rgb(17, 24, 39)');
    expect(getComputedStyle(box).color).to.equal('rgb(243, 244, 246)');
    await expect(el).to.be.accessible();
  });

  itEmulatingColorScheme(
    'follows the system preference by default, and theme="light" overrides it',
    async () => {
      await emulateMedia({colorScheme: 'dark'});
      const auto = await fixture<LiveChat>(html`<live-chat server=${UNREACHABLE}></live-chat>`);
      await opened(auto);
      expect(surface(auto)).to.equal('rgb(17, 24, 39)');
      const light = await fixture<LiveChat>(
        html`<live-chat server=${UNREACHABLE} theme="light"> </live-chat>`,
      );
      await opened(light);
      expect(surface(light)).to.equal('rgb(255, 255, 255)');
    },
  );

  it('rings focus on the agent’s bubble in the text colour in the dark theme', async () => {
    const el = await fixture<LiveChat>(
      html`<live-chat
        server=${UNREACHABLE}
        theme="dark"
        style="--live-chat-accent-color: #0f766e"
      ></live-chat>`,
    );
    await opened(el);
    el.client!.importHistory([
      {text: 'See [docs](https://example.com/docs)', author: {role: 'agent', name: 'Ada'}},
    ]);
    const list = dialogBox(el).querySelector('lc-message-list')!;
    const link = () => list.shadowRoot!.querySelector<HTMLElement>('.agent a');
    await waitUntil(link, 'the agent’s link renders', {timeout: CHUNK_MS});
    const ring = () => getComputedStyle(link()!).getPropertyValue('--_lc-accent').trim();
    expect(ring()).to.equal('#f3f4f6');
    el.setAttribute('theme', 'light');
    await waitUntil(() => ring() === '#0f766e', 'the accent ring in the light theme');
  });

  it('writes the drop overlay in the text colour in the dark theme, not the dim accent', async () => {
    const el = await fixture<LiveChat>(
      html`<live-chat
        server=${UNREACHABLE}
        theme="dark"
        style="--live-chat-accent-color: #0f766e"
      ></live-chat>`,
    );
    const box = await opened(el);
    // This teal on the dark surface is 3.3:1, under the 4.5:1 the overlay's words need.
    expect(getComputedStyle(box.querySelector('.drop p')!).color).to.equal('rgb(243, 244, 246)');
  });

  it('keeps the page’s own colours in the dark theme', async () => {
    const el = await fixture<LiveChat>(
      html`<live-chat
        server=${UNREACHABLE}
        theme="dark"
        style="--live-chat-surface-color: #000080"
      ></live-chat>`,
    );
    await opened(el);
    expect(surface(el)).to.equal('rgb(0, 0, 128)');
  });

  it('puts dark text on an accent too light for white, unless the page chose one', async () => {
    const pale = await fixture<LiveChat>(
      html`<live-chat server=${UNREACHABLE} style="--live-chat-accent-color: #ffd400"></live-chat>`,
    );
    await opened(pale);
    await waitUntil(() => headerText(pale) === 'rgb(17, 24, 39)', 'dark header text');
    await expect(pale).to.be.accessible();

    const chosen = await fixture<LiveChat>(
      html`<live-chat
        server=${UNREACHABLE}
        style="--live-chat-accent-color: #ffd400; --live-chat-on-accent-color: #7c2d12"
      >
      </live-chat>`,
    );
    await opened(chosen);
    expect(headerText(chosen)).to.equal('rgb(124, 45, 18)');

    const deep = await fixture<LiveChat>(html`<live-chat server=${UNREACHABLE}></live-chat>`);
    await opened(deep);
    expect(headerText(deep)).to.equal('rgb(255, 255, 255)');
  });

  it('decides dark text by WCAG contrast against white', () => {
    expect(needsDarkText('#2563eb')).to.be.false;
    expect(needsDarkText('#ffd400')).to.be.true;
    expect(needsDarkText('white')).to.be.true;
    expect(needsDarkText('rgb(0 0 0 / 0.5)')).to.be.false;
    expect(needsDarkText('not a colour')).to.be.false;
  });
});
