import {expect, fixture, html, oneEvent, waitUntil} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import {pressKey} from '../../helpers/keys.js';
import {defineWindowElements} from '../../../src/components/window/window-elements.js';
import type {LcOfflineForm} from '../../../src/components/forms/offline-form.js';
import {DEPARTMENTS, makeConfig} from '../config-fixture.js';
import {button, control, deepActiveElement, description, fill} from './form-helpers.js';

const config = (messages = {}) =>
  makeConfig({
    online: false,
    departments: DEPARTMENTS,
    messages: {offlineMessage: 'We are out riding. Leave us a note!', ...messages},
  });

describe('<lc-offline-form>', () => {
  before(() => defineWindowElements());

  it('shows the server message above name, email, department and message', async () => {
    const el = await fixture<LcOfflineForm>(
      html`<lc-offline-form .config=${config()}></lc-offline-form>`,
    );
    const root = el.shadowRoot!;
    expect(root.querySelector('form')!.getAttribute('part')).to.equal('form');
    expect(root.querySelector('.intro')!.textContent).to.equal(
      'We are out riding. Leave us a note!',
    );
    const labels = [...root.querySelectorAll('label')].map((l) => l.textContent!.trim());
    expect(labels).to.deep.equal(['Name', 'Email', 'Department', 'Your message']);
    const departments = [...control<HTMLSelectElement>(el, 'Department').options];
    expect(departments.map((o) => o.textContent!.trim())).to.deep.equal([
      'Any department',
      'Sales',
    ]);
    expect(control(el, 'Your message').tagName).to.equal('TEXTAREA');
    expect(button(el, 'Send message').type).to.equal('submit');
    await expect(el).to.be.accessible();
  });

  it('keeps a message typed against the page direction in its own order', async () => {
    const page = await fixture<HTMLElement>(
      html`<div dir="rtl"><lc-offline-form .config=${config()}></lc-offline-form></div>`,
    );
    const el = page.querySelector('lc-offline-form')!;
    await el.updateComplete;
    const message = control<HTMLTextAreaElement>(el, 'Your message');
    expect(getComputedStyle(message).direction).to.equal('rtl');
    message.focus();
    await sendKeys({type: 'My bike squeaks. Can you fix it?'});
    await el.updateComplete;
    expect(getComputedStyle(message).direction).to.equal('ltr');
    expect(getComputedStyle(control(el, 'Name')).direction).to.equal('rtl');
  });

  it('checks every field before sending', async () => {
    const el = await fixture<LcOfflineForm>(
      html`<lc-offline-form .config=${config()}></lc-offline-form>`,
    );
    let fired = 0;
    el.addEventListener('lc-leave-message', () => fired++);
    fill(control(el, 'Email'), 'not an email');
    button(el, 'Send message').click();
    await el.updateComplete;
    expect(description(el, control(el, 'Name'))).to.equal('Please fill in this field.');
    expect(description(el, control(el, 'Email'))).to.equal('Please enter a valid email address.');
    expect(description(el, control(el, 'Your message'))).to.equal('Please fill in this field.');
    expect(control(el, 'Department').getAttribute('aria-invalid')).to.equal('false');
    expect(fired).to.equal(0);
    await expect(el).to.be.accessible();
  });

  it('sends from the keyboard, prefilled with the guest', async () => {
    const el = await fixture<LcOfflineForm>(
      html`<lc-offline-form
        .config=${config()}
        guest-name="Ada"
        guest-email="ada@example.com"
      ></lc-offline-form>`,
    );
    control(el, 'Your message').focus();
    await sendKeys({type: 'My bike squeaks.'});
    button(el, 'Send message').focus();
    setTimeout(() => pressKey('Enter'));
    const {detail} = await oneEvent(el, 'lc-leave-message');
    expect(detail).to.deep.equal({
      name: 'Ada',
      email: 'ada@example.com',
      message: 'My bike squeaks.',
    });
  });

  it('thanks the visitor with the server text, or a default, and keeps focus there', async () => {
    const withSuccess = config({offlineSuccessMessage: 'Got it!'});
    const el = await fixture<LcOfflineForm>(
      html`<lc-offline-form .config=${withSuccess}></lc-offline-form>`,
    );
    button(el, 'Send message').focus();
    el.submission = {status: 'sent'};
    await el.updateComplete;
    const done = el.shadowRoot!.querySelector('.done')!;
    expect(done.textContent!.trim()).to.equal('Got it!');
    expect(done.getAttribute('role')).to.equal('status');
    await waitUntil(() => deepActiveElement() === done, 'the thank-you gets focus');
    await expect(el).to.be.accessible();

    el.config = config();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.done')!.textContent!.trim()).to.equal(
      'Thank you for your message. We will get back to you soon.',
    );
  });

  it('shows a failure as an alert and lets the visitor send again', async () => {
    const el = await fixture<LcOfflineForm>(
      html`<lc-offline-form
        .config=${config()}
        guest-name="Ada"
        guest-email="ada@example.com"
      ></lc-offline-form>`,
    );
    fill(control(el, 'Your message'), 'Hello');
    el.submission = {status: 'failed', error: {code: 'network'}};
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.equal(
      'The server cannot be reached. Please try again.',
    );
    setTimeout(() => button(el, 'Send message').click());
    const {detail} = await oneEvent(el, 'lc-leave-message');
    expect(detail.message).to.equal('Hello');
  });
});
