import {expect, fixture, html} from '@open-wc/testing';
import {defineWindowElements} from '../../src/components/window/window-elements.js';
import type {LcDepartmentSwitcher} from '../../src/components/department-switcher/department-switcher.js';
import {DEPARTMENTS} from './config-fixture.js';
import {button} from './forms/form-helpers.js';

/** A narrow window (as at 320 px) with the department button near its start edge. */
const narrowWindow = (dir: 'ltr' | 'rtl') =>
  fixture<HTMLElement>(html`
    <div role="dialog" aria-label="Chat" dir=${dir} style="width: 240px; overflow: hidden">
      <div style="display: flex; padding-inline: 40px">
        <lc-department-switcher
          .departments=${[...DEPARTMENTS.slice(0, 2), {_id: 'd-long', name: 'Frames and wheels'}]}
          value="d-sales"
        ></lc-department-switcher>
      </div>
    </div>
  `);

describe('header pop-ups in a narrow window', () => {
  before(() => defineWindowElements());

  for (const dir of ['ltr', 'rtl'] as const) {
    it(`keep the department panel inside the window (${dir})`, async () => {
      const dialog = await narrowWindow(dir);
      const el = dialog.querySelector<LcDepartmentSwitcher>('lc-department-switcher')!;
      button(el, 'Change department').click();
      await el.updateComplete;
      const panel = el.shadowRoot!.querySelector<HTMLElement>('.popup')!.getBoundingClientRect();
      const box = dialog.getBoundingClientRect();
      expect(panel.width, 'the panel is wider than the space beside its button').to.be.above(80);
      expect(panel.left, 'its start is not cut off').to.be.at.least(box.left);
      expect(panel.right, 'nor its end').to.be.at.most(box.right);
    });
  }
});
