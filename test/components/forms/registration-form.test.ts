import {expect, fixture, html, oneEvent, waitUntil} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import {pressKey} from '../../helpers/keys.js';
import {defineWindowElements} from '../../../src/components/window/window-elements.js';
import type {LcRegistrationForm} from '../../../src/components/forms/registration-form.js';
import {DEPARTMENTS, makeConfig} from '../config-fixture.js';
import {button, control, deepActiveElement, description, fill} from './form-helpers.js';

const CUSTOM_FIELDS = [
  {_id: 'order', label: 'Order number', required: true, regexp: '^[0-9]{5}$', type: 'input'},
  {_id: 'bike', label: 'Bike type', type: 'select', options: 'Road, Gravel,City'},
] as const;

const fullConfig = () =>
  makeConfig({
    departments: DEPARTMENTS,
    customFields: CUSTOM_FIELDS.map((f) => ({...f})),
    messages: {registrationFormMessage: 'Tell us who you are.'},
  });

async function form(config = fullConfig()) {
  return fixture<LcRegistrationForm>(
    html`<lc-registration-form .config=${config}></lc-registration-form>`,
  );
}

describe('<lc-registration-form>', () => {
  before(() => defineWindowElements());

  it('asks what the config asks for, with the server message, as part="form"', async () => {
    const el = await form();
    const root = el.shadowRoot!;
    expect(root.querySelector('form')!.getAttribute('part')).to.equal('form');
    expect(root.querySelector('.intro')!.textContent).to.equal('Tell us who you are.');
    expect(control(el, 'Name').required).to.be.true;
    expect(control(el, 'Email').type).to.equal('email');
    const departments = [...control<HTMLSelectElement>(el, 'Department').options].map((o) =>
      o.textContent!.trim(),
    );
    expect(departments).to.deep.equal(['Choose a department', 'Sales', 'Repairs']);
    expect(control(el, 'Order number').required).to.be.true;
    const bikes = [...control<HTMLSelectElement>(el, 'Bike type').options].map((o) => o.value);
    expect(bikes).to.deep.equal(['', 'Road', 'Gravel', 'City']);
    expect(button(el, 'Start chat').type).to.equal('submit');
    await expect(el).to.be.accessible();
  });

  it('leaves out the name and email when the server does not ask for them', async () => {
    const el = await form(
      makeConfig({
        settings: {nameFieldRegistrationForm: false, emailFieldRegistrationForm: false},
        departments: DEPARTMENTS,
      }),
    );
    const labels = [...el.shadowRoot!.querySelectorAll('label')].map((l) => l.textContent!.trim());
    expect(labels).to.deep.equal(['Department']);
  });

  it('marks each invalid field with an error it describes, and focuses the first', async () => {
    const el = await form();
    let fired = 0;
    el.addEventListener('lc-register', () => fired++);
    button(el, 'Start chat').click();
    await el.updateComplete;
    const name = control(el, 'Name');
    expect(name.getAttribute('aria-invalid')).to.equal('true');
    expect(description(el, name)).to.equal('Please fill in this field.');
    expect(deepActiveElement() === name, 'the first invalid field has focus').to.be.true;
    expect(control(el, 'Department').getAttribute('aria-invalid')).to.equal('true');
    expect(control(el, 'Bike type').getAttribute('aria-invalid')).to.equal('false');
    expect(fired).to.equal(0);
    await expect(el).to.be.accessible();

    fill(name, 'Ada');
    fill(control(el, 'Email'), 'ada@example');
    fill(control(el, 'Order number'), '12ab');
    await el.updateComplete;
    expect(name.getAttribute('aria-invalid')).to.equal('false');
    expect(name.hasAttribute('aria-describedby')).to.be.false;
    button(el, 'Start chat').click();
    await el.updateComplete;
    expect(description(el, control(el, 'Email'))).to.equal('Please enter a valid email address.');
    expect(description(el, control(el, 'Order number'))).to.equal(
      'Please use the expected format.',
    );
    expect(fired).to.equal(0);
  });

  it('sends the answers from the keyboard, custom fields by id', async () => {
    const el = await form();
    control(el, 'Name').focus();
    await sendKeys({type: 'Ada Lovelace'});
    await pressKey('Tab');
    await sendKeys({type: 'ada@example.com'});
    fill(control(el, 'Department'), 'd-repair');
    control(el, 'Order number').focus();
    await sendKeys({type: '12345'});
    setTimeout(() => pressKey('Enter'));
    const {detail} = await oneEvent(el, 'lc-register');
    expect(detail).to.deep.equal({
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      department: 'd-repair',
      customFields: {order: '12345'},
    });
  });

  it('prefills guest-name, guest-email and the department, not over typing', async () => {
    const el = await fixture<LcRegistrationForm>(
      html`<lc-registration-form
        .config=${fullConfig()}
        guest-name="Grace"
        guest-email="grace@example.com"
        department="d-sales"
      ></lc-registration-form>`,
    );
    expect(control(el, 'Name').value).to.equal('Grace');
    expect(control(el, 'Email').value).to.equal('grace@example.com');
    expect(control<HTMLSelectElement>(el, 'Department').value).to.equal('d-sales');
    fill(control(el, 'Name'), 'Grace Hopper');
    el.guestName = 'Someone else';
    await el.updateComplete;
    expect(control(el, 'Name').value).to.equal('Grace Hopper');
  });

  it('shows a server error next to its field, and others as an alert', async () => {
    const el = await form();
    el.submission = {status: 'failed', error: {code: 'email', field: 'email'}};
    await el.updateComplete;
    const email = control(el, 'Email');
    expect(email.getAttribute('aria-invalid')).to.equal('true');
    expect(description(el, email)).to.equal('Please enter a valid email address.');
    await waitUntil(() => deepActiveElement() === email, 'the email field gets focus');
    fill(email, 'ada@example.org');
    await el.updateComplete;
    expect(email.getAttribute('aria-invalid')).to.equal('false');

    el.submission = {status: 'failed', error: {code: 'rate-limited'}};
    await el.updateComplete;
    const alert = el.shadowRoot!.querySelector('[role="alert"]')!;
    expect(alert.textContent).to.equal('Too many attempts. Please wait a moment and try again.');
    await expect(el).to.be.accessible();
  });

  it('ignores a second submit while the first is on its way', async () => {
    const el = await form(makeConfig());
    fill(control(el, 'Name'), 'Ada');
    fill(control(el, 'Email'), 'ada@example.com');
    el.submission = {status: 'sending'};
    await el.updateComplete;
    let fired = 0;
    el.addEventListener('lc-register', () => fired++);
    button(el, 'Start chat').click();
    expect(button(el, 'Start chat').getAttribute('aria-disabled')).to.equal('true');
    expect(fired).to.equal(0);
  });
});
