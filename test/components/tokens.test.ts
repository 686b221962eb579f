import {expect} from '@open-wc/testing';
import {styles as attachment} from '../../src/components/attachments/attachment.styles.js';
import {styles as uploadList} from '../../src/components/attachments/upload-list.styles.js';
import {styles as chatMenu} from '../../src/components/chat-menu/chat-menu.styles.js';
import {styles as composer} from '../../src/components/composer/composer.styles.js';
import {styles as launcher} from '../../src/components/launcher/launcher.styles.js';
import {styles as messageList} from '../../src/components/message-list/message-list.styles.js';
import {popupStyles as popup} from '../../src/components/popup/popup-element.js';
import {styles as windowStyles} from '../../src/components/window/window.styles.js';
import {styles as liveChat} from '../../src/live-chat.styles.js';
import {windowPlacement} from '../../src/live-chat-window.styles.js';
import {markdownStyles as markdown} from '../../src/markdown/markdown.styles.js';
import {controlStyles} from '../../src/styles/controls.styles.js';
import {sharedStyles} from '../../src/styles/shared.styles.js';
import {tokens} from '../../src/styles/tokens.styles.js';
import {windowTokens} from '../../src/styles/window-tokens.styles.js';

// Lit's CSSResult for the views, a native sheet with its text for the first download's styles.
const componentStyles: Record<string, {cssText: string}> = {
  attachment,
  chatMenu,
  composer,
  launcher,
  markdown,
  popup,
  messageList,
  uploadList,
  window: windowStyles,
  liveChat,
  windowPlacement,
  controls: controlStyles,
  shared: sharedStyles,
};

const PUBLIC_TOKENS = [
  'accent-color',
  'on-accent-color',
  'surface-color',
  'text-color',
  'muted-text-color',
  'border-color',
  'agent-bubble-color',
  'visitor-bubble-color',
  'error-color',
  'font-family',
  'font-size',
  'radius',
  'shadow',
  'window-width',
  'window-height',
  'launcher-size',
  'offset',
  'z-index',
];

describe('design tokens', () => {
  // The launcher's tokens come with the first download, the window's with its chunk.
  const tokenText = tokens.cssText + windowTokens.cssText;
  const defined = new Set([...tokenText.matchAll(/(--_lc-[\w-]+)\s*:/g)].map((match) => match[1]));

  it('defines every private token that component styles use', () => {
    for (const [name, sheet] of Object.entries(componentStyles)) {
      const used = [...sheet.cssText.matchAll(/var\(\s*(--_lc-[\w-]+)/g)].map((m) => m[1]);
      const missing = used.filter((token) => !defined.has(token));
      expect(missing, `${name} uses undefined tokens`).to.deep.equal([]);
    }
  });

  it('gives the launcher and the placement every token they use before the window loads', () => {
    const early = new Set(
      [...tokens.cssText.matchAll(/(--_lc-[\w-]+)\s*:/g)].map((match) => match[1]),
    );
    for (const [name, sheet] of Object.entries({launcher, liveChat, shared: sharedStyles})) {
      const used = [...sheet.cssText.matchAll(/var\(\s*(--_lc-[\w-]+)/g)].map((m) => m[1]);
      const missing = used.filter((token) => !early.has(token));
      expect(missing, `${name} uses tokens of the window's chunk`).to.deep.equal([]);
    }
  });

  it('keeps colour literals and public properties out of component styles', () => {
    for (const [name, sheet] of Object.entries(componentStyles)) {
      expect(sheet.cssText, name).to.not.match(/#[0-9a-f]{3,8}\b|\brgba?\(|\bhsla?\(/i);
      expect(sheet.cssText, name).to.not.include('--live-chat-');
    }
  });

  it('reads every public --live-chat-* property of the theming table', () => {
    for (const token of PUBLIC_TOKENS) {
      expect(tokenText).to.include(`var(--live-chat-${token},`);
    }
  });
});
