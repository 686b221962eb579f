import {expect} from '@open-wc/testing';
import {tokens} from '../../src/styles/tokens.styles.js';
import {windowTokens} from '../../src/styles/window-tokens.styles.js';

/** Text in a shadow root with the sheets `<live-chat>` holds once its window chunk came. */
function windowText(): {host: HTMLElement; text: HTMLElement} {
  const host = document.createElement('div');
  const root = host.attachShadow({mode: 'open'});
  root.adoptedStyleSheets = [tokens, windowTokens];
  root.innerHTML = `<div style="font-size: var(--_lc-font-size)">
    <p style="inline-size: var(--_lc-window-width); block-size: var(--_lc-window-height)">Hi</p>
  </div>`;
  document.body.append(host);
  return {host, text: root.querySelector('p')!};
}

describe('the window’s text size', () => {
  afterEach(() => document.documentElement.style.removeProperty('font-size'));

  it('follows the visitor’s larger text setting, with a window to match, never below 14px', () => {
    const {host, text} = windowText();
    const size = () => {
      const {fontSize, width, height} = getComputedStyle(text);
      return [fontSize, Math.round(parseFloat(width)), Math.round(parseFloat(height))];
    };
    expect(size(), 'the default text size').to.deep.equal(['14px', 360, 560]);
    document.documentElement.style.fontSize = '200%';
    expect(size(), 'text set to 200 % in the browser').to.deep.equal(['28px', 720, 1120]);
    document.documentElement.style.fontSize = '62.5%';
    expect(size(), 'a page with a 10px root for its rem units').to.deep.equal(['14px', 360, 560]);
    host.style.setProperty('--live-chat-font-size', '18px');
    expect(size(), 'the page’s own size wins').to.deep.equal(['18px', 463, 720]);
    host.style.setProperty('--live-chat-window-width', '400px');
    expect(size()[1], 'and its own width').to.equal(400);
    host.remove();
  });
});
