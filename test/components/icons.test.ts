import {expect, fixture, html} from '@open-wc/testing';
import {defineWindowElements} from '../../src/components/window/window-elements.js';

const sendIcon = (box: HTMLElement) =>
  box.querySelector('lc-composer')!.shadowRoot!.querySelector('button[type="submit"] svg')!;

describe('icons', () => {
  before(() => defineWindowElements());

  it('turns the send arrow round in right-to-left text only', async () => {
    const box = await fixture<HTMLElement>(html`<div dir="rtl"><lc-composer></lc-composer></div>`);
    expect(getComputedStyle(sendIcon(box)).transform).to.equal('matrix(-1, 0, 0, 1, 0, 0)');
    box.dir = 'ltr';
    expect(getComputedStyle(sendIcon(box)).transform).to.equal('none');
  });
});
