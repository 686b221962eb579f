import {expect, fixture, html, waitUntil} from '@open-wc/testing';
import {setViewport} from '@web/test-runner-commands';
import '../../src/index.js';
import '../../src/live-chat-app.js';
import type {LiveChat} from '../../src/live-chat.js';

const UNREACHABLE = 'http://127.0.0.1:9/';

const launcherButton = (el: LiveChat) =>
  el.shadowRoot!.querySelector('lc-launcher')!.shadowRoot!.querySelector('button')!;
const minimizeButton = (el: LiveChat) =>
  el
    .shadowRoot!.querySelector('lc-window')!
    .shadowRoot!.querySelector<HTMLButtonElement>('button[aria-label="Minimize chat"]')!;

function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

async function openChat(): Promise<LiveChat> {
  const el = await fixture<LiveChat>(html`<live-chat server=${UNREACHABLE}></live-chat>`);
  launcherButton(el).click();
  await waitUntil(() => deepActiveElement()?.tagName === 'TEXTAREA', 'the composer gets focus');
  return el;
}

describe('<live-chat> window placement', () => {
  after(() => setViewport({width: 800, height: 600}));

  it('takes the launcher out of reach while the window covers a phone screen', async () => {
    await setViewport({width: 360, height: 640});
    const el = await openChat();
    const launcher = launcherButton(el);
    expect(getComputedStyle(launcher).visibility).to.equal('hidden');
    launcher.focus();
    expect(deepActiveElement()).to.not.equal(launcher);
    minimizeButton(el).click();
    expect(el.open).to.be.false;
    expect(getComputedStyle(launcher).visibility).to.equal('visible');
    expect(deepActiveElement()).to.equal(launcher);
  });

  it('keeps the launcher beside the window on a wider screen', async () => {
    await setViewport({width: 1024, height: 768});
    const el = await openChat();
    const launcher = launcherButton(el);
    expect(getComputedStyle(launcher).visibility).to.equal('visible');
    launcher.focus();
    expect(deepActiveElement()).to.equal(launcher);
  });
});
