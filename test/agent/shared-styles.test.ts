import {expect, fixture, html} from '@open-wc/testing';
import {emulateMedia} from '@web/test-runner-commands';
import {defineAgentElements} from '../../src/agent/define.js';
import {tokens} from '../../src/agent/shared.styles.js';

defineAgentElements();

/** WCAG contrast of two computed `rgb(…)` colours. */
function contrast(a: string, b: string): number {
  const luminance = (color: string) => {
    const [r, g, bl] = color
      .match(/[\d.]+/g)!
      .slice(0, 3)
      .map((c) => {
        const v = Number(c) / 255;
        return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
      });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** The console's palette on a host, with `content` in its shadow root. */
async function inConsole(content: string): Promise<ShadowRoot> {
  const host = await fixture<HTMLElement>(html`<div></div>`);
  const root = host.attachShadow({mode: 'open'});
  root.adoptedStyleSheets = [tokens.styleSheet!];
  root.innerHTML = content;
  return root;
}

// Firefox's runner cannot emulate the colour scheme (test/components/theme.test.ts).
const canEmulate = !navigator.userAgent.includes('Firefox');
const schemes = canEmulate ? (['light', 'dark'] as const) : (['light'] as const);

describe('agent console fields', () => {
  afterEach(async () => {
    if (canEmulate) await emulateMedia({colorScheme: 'light'});
  });

  for (const scheme of schemes) {
    it(`show where to type: the reply box's edge keeps 3:1 on the pane (${scheme})`, async () => {
      if (canEmulate) await emulateMedia({colorScheme: scheme});
      const root = await inConsole('<lc-agent-composer rid="r1"></lc-agent-composer>');
      const composer = root.querySelector('lc-agent-composer')!;
      await composer.updateComplete;
      const reply = composer.shadowRoot!.querySelector('textarea')!;
      const behind = getComputedStyle(composer).backgroundColor;
      const edge = getComputedStyle(reply).borderTopColor;
      expect(contrast(edge, behind)).to.be.at.least(3, `${edge} on ${behind}`);
    });
  }
});
