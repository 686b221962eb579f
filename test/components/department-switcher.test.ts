import {expect, fixture, html, oneEvent, waitUntil} from '@open-wc/testing';
import {pressKey} from '../helpers/keys.js';
import {defineWindowElements} from '../../src/components/window/window-elements.js';
import type {LcDepartmentSwitcher} from '../../src/components/department-switcher/department-switcher.js';
import {DEPARTMENTS} from './config-fixture.js';
import {button, control, deepActiveElement} from './forms/form-helpers.js';

const switcher = () =>
  fixture<LcDepartmentSwitcher>(
    html`<lc-department-switcher
      .departments=${DEPARTMENTS.slice(0, 2)}
      value="d-sales"
    ></lc-department-switcher>`,
  );

describe('<lc-department-switcher>', () => {
  before(() => defineWindowElements());

  it('opens a menu with a Department list from its button', async () => {
    const el = await switcher();
    const toggle = button(el, 'Change department');
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(el.shadowRoot!.getElementById(toggle.getAttribute('aria-controls')!)!.hidden).to.be.true;
    await expect(el).to.be.accessible();
    toggle.click();
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    const select = control<HTMLSelectElement>(el, 'Department');
    await waitUntil(() => deepActiveElement() === select, 'the list gets focus');
    expect(select.value).to.equal('d-sales');
    expect([...select.options].map((o) => o.textContent)).to.deep.equal(['Sales', 'Repairs']);
    await expect(el).to.be.accessible();
  });

  it('switches with the keyboard and returns focus to the button', async () => {
    const el = await switcher();
    button(el, 'Change department').click();
    await el.updateComplete;
    const select = control<HTMLSelectElement>(el, 'Department');
    select.value = 'd-repair';
    await pressKey('Tab');
    setTimeout(() => pressKey('Enter'));
    const {detail} = await oneEvent(el, 'lc-set-department');
    expect(detail).to.deep.equal({department: 'd-repair'});
    await el.updateComplete;
    expect(button(el, 'Change department').getAttribute('aria-expanded')).to.equal('false');
    await waitUntil(() => deepActiveElement() === button(el, 'Change department'), 'focus returns');
  });

  it('closes on Escape without letting the window minimise, and fires nothing', async () => {
    const el = await switcher();
    let fired = 0;
    el.addEventListener('lc-set-department', () => fired++);
    let escapeReachedWindow = false;
    document.addEventListener('keydown', (e) => (escapeReachedWindow = !e.defaultPrevented), {
      once: true,
    });
    button(el, 'Change department').click();
    await el.updateComplete;
    await pressKey('Escape');
    await el.updateComplete;
    expect(escapeReachedWindow).to.be.false;
    expect(button(el, 'Change department').getAttribute('aria-expanded')).to.equal('false');
    expect(fired).to.equal(0);
  });
});
