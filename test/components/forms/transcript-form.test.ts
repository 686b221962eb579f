import {expect, fixture, html, oneEvent} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import {pressKey} from '../../helpers/keys.js';
import {defineWindowElements} from '../../../src/components/window/window-elements.js';
import type {LcTranscriptForm} from '../../../src/components/forms/transcript-form.js';
import {button, control, description, fill} from './form-helpers.js';

describe('<lc-transcript-form>', () => {
  before(() => defineWindowElements());

  it('offers the transcript with the server question and the visitor email', async () => {
    const el = await fixture<LcTranscriptForm>(
      html`<lc-transcript-form
        email="ada@example.com"
        message="Would you like a copy of this chat emailed?"
      ></lc-transcript-form>`,
    );
    expect(el.shadowRoot!.querySelector('form')!.getAttribute('part')).to.equal('form');
    expect(el.shadowRoot!.querySelector('.intro')!.textContent).to.equal(
      'Would you like a copy of this chat emailed?',
    );
    expect(control(el, 'Email').value).to.equal('ada@example.com');
    expect(button(el, 'Email me the transcript').type).to.equal('submit');
    await expect(el).to.be.accessible();
  });

  it('sends the edited address with Enter', async () => {
    const el = await fixture<LcTranscriptForm>(
      html`<lc-transcript-form email="ada@example.com"></lc-transcript-form>`,
    );
    const email = control(el, 'Email');
    email.focus();
    email.select();
    await sendKeys({type: 'ada@lovelace.org'});
    setTimeout(() => pressKey('Enter'));
    expect((await oneEvent(el, 'lc-request-transcript')).detail).to.deep.equal({
      email: 'ada@lovelace.org',
    });
  });

  it('refuses an empty or malformed address', async () => {
    const el = await fixture<LcTranscriptForm>(html`<lc-transcript-form></lc-transcript-form>`);
    let fired = 0;
    el.addEventListener('lc-request-transcript', () => fired++);
    button(el, 'Email me the transcript').click();
    await el.updateComplete;
    expect(description(el, control(el, 'Email'))).to.equal('Please fill in this field.');
    fill(control(el, 'Email'), 'ada@');
    button(el, 'Email me the transcript').click();
    await el.updateComplete;
    expect(description(el, control(el, 'Email'))).to.equal('Please enter a valid email address.');
    expect(fired).to.equal(0);
    await expect(el).to.be.accessible();
  });

  it('confirms where the transcript goes once requested', async () => {
    const el = await fixture<LcTranscriptForm>(
      html`<lc-transcript-form email="ada@example.com"></lc-transcript-form>`,
    );
    el.submission = {status: 'sent'};
    await el.updateComplete;
    // Not trimmed: the line keeps its white space, so a stray break would show as a blank line.
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.equal(
      'The transcript is on its way to ada@example.com.',
    );
    await expect(el).to.be.accessible();
  });
});
