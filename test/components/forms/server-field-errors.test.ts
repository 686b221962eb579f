import {expect, fixture, html, waitUntil} from '@open-wc/testing';
import {defineWindowElements} from '../../../src/components/window/window-elements.js';
import type {LcOfflineForm} from '../../../src/components/forms/offline-form.js';
import type {LcRegistrationForm} from '../../../src/components/forms/registration-form.js';
import type {LcTranscriptForm} from '../../../src/components/forms/transcript-form.js';
import {toFormError} from '../../../src/controllers/forms-controller.js';
import {LiveChatError} from '../../../src/core/index.js';
import {DEPARTMENTS, makeConfig} from '../config-fixture.js';
import {control, deepActiveElement, description, fill} from './form-helpers.js';

const CUSTOM_FIELDS = [
  {_id: 'order', label: 'Order number', type: 'input'},
  {_id: 'frame', label: 'Frame number', type: 'input'},
] as const;

const config = () =>
  makeConfig({departments: DEPARTMENTS, customFields: CUSTOM_FIELDS.map((f) => ({...f}))});

describe('server errors next to their field', () => {
  before(() => defineWindowElements());

  it('marks the custom field the server refused, describes it and focuses it', async () => {
    const el = await fixture<LcRegistrationForm>(
      html`<lc-registration-form .config=${config()}></lc-registration-form>`,
    );
    fill(control(el, 'Name'), 'Ada');
    fill(control(el, 'Frame number'), 'F-1');
    el.submission = {status: 'failed', error: {code: 'too-large', field: 'frame'}};
    await el.updateComplete;
    const frame = control(el, 'Frame number');
    expect(frame.getAttribute('aria-invalid')).to.equal('true');
    expect(description(el, frame)).to.equal('This text is too long.');
    expect(control(el, 'Order number').getAttribute('aria-invalid')).to.equal('false');
    expect(control(el, 'Name').getAttribute('aria-invalid')).to.equal('false');
    expect(el.shadowRoot!.querySelector('[role="alert"]')).to.equal(null, 'not form-wide');
    await waitUntil(() => deepActiveElement() === frame, 'the refused field gets focus');
    await expect(el).to.be.accessible();

    fill(frame, 'F-2');
    await el.updateComplete;
    expect(frame.getAttribute('aria-invalid')).to.equal('false');
    expect(frame.hasAttribute('aria-describedby')).to.be.false;
  });

  it('marks a refused department in the offline form', async () => {
    const el = await fixture<LcOfflineForm>(
      html`<lc-offline-form .config=${config()}></lc-offline-form>`,
    );
    el.submission = {status: 'failed', error: {code: 'invalid', field: 'department'}};
    await el.updateComplete;
    const department = control<HTMLSelectElement>(el, 'Department');
    expect(department.getAttribute('aria-invalid')).to.equal('true');
    expect(description(el, department)).to.equal(
      'This choice is not accepted. Please pick another.',
    );
    await waitUntil(() => deepActiveElement() === department, 'the department gets focus');
    await expect(el).to.be.accessible();
  });

  it("says why a transcript to another address than the visitor's was refused", async () => {
    const el = await fixture<LcTranscriptForm>(
      html`<lc-transcript-form .config=${config()} email="ada@example.com"></lc-transcript-form>`,
    );
    fill(control(el, 'Email'), 'someone@example.org');
    const refused = new LiveChatError(
      'server',
      'the transcript can only be sent to your own email address [invalid-params]',
      'invalid-params',
      'email',
    );
    el.submission = {status: 'failed', error: toFormError(refused, ['email'])};
    await el.updateComplete;
    const email = control(el, 'Email');
    expect(email.getAttribute('aria-invalid')).to.equal('true');
    expect(description(el, email)).to.equal(
      'A transcript can only go to the email address you gave us.',
    );
    await expect(el).to.be.accessible();
  });

  it('maps the field a LiveChatError names to the form, by id or label', () => {
    const fields = ['name', 'email', 'department', 'order'];
    const aliases = {'Order number': 'order'};
    const pattern = new LiveChatError(
      'invalid-input',
      'Invalid value for order field',
      'invalid-custom-field-value',
      'order',
    );
    expect(toFormError(pattern, fields, aliases)).to.deep.equal({code: 'pattern', field: 'order'});
    const byLabel = new LiveChatError(
      'server',
      'Invalid value for Order number field',
      undefined,
      'Order number',
    );
    expect(toFormError(byLabel, fields, aliases)).to.deep.equal({code: 'pattern', field: 'order'});
    const long = new LiveChatError(
      'server',
      'body/customFields/0/value must NOT have more than ' + '1024 characters [invalid-params]',
      'invalid-params',
      'order',
    );
    expect(toFormError(long, fields, aliases)).to.deep.equal({code: 'too-large', field: 'order'});
    const missing = new LiveChatError(
      'server',
      'Missing required custom fields: order',
      undefined,
      'order',
    );
    expect(toFormError(missing, fields)).to.deep.equal({code: 'required', field: 'order'});
    const department = new LiveChatError(
      'invalid-input',
      'The provided department is invalid',
      'error-invalid-department',
      'department',
    );
    expect(toFormError(department, fields)).to.deep.equal({code: 'invalid', field: 'department'});
  });

  it('keeps an error about a field the form does not show form-wide', () => {
    const hidden = new LiveChatError(
      'invalid-input',
      'Invalid value for secret field',
      'invalid-custom-field-value',
      'secret',
    );
    expect(toFormError(hidden, ['name', 'order'])).to.deep.equal({code: 'invalid-input'});
  });
});
