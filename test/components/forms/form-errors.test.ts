import {expect} from '@open-wc/testing';
import {toFormError} from '../../../src/controllers/forms-controller.js';
import {formErrorText} from '../../../src/components/forms/form-errors.js';
import {LiveChatError} from '../../../src/core/index.js';

describe('form errors', () => {
  it('puts a refused email or a missing field next to that field', () => {
    const badEmail = new LiveChatError('invalid-input', 'The email address is not valid');
    expect(toFormError(badEmail, ['name', 'email'])).to.deep.equal({code: 'email', field: 'email'});
    const serverEmail = new LiveChatError('server', 'Bad request', 'error-invalid-email');
    expect(toFormError(serverEmail, ['email'])).to.deep.equal({code: 'email', field: 'email'});
    const noName = new LiveChatError('invalid-input', 'The name is missing');
    expect(toFormError(noName, ['name', 'email', 'message'])).to.deep.equal({
      code: 'required',
      field: 'name',
    });
    const notOwn = new LiveChatError(
      'server',
      'the transcript can only be sent to your own email address [invalid-params]',
      'invalid-params',
      'email',
    );
    expect(toFormError(notOwn, ['email'])).to.deep.equal({code: 'own-email', field: 'email'});
    expect(formErrorText('own-email')).to.equal(
      'A transcript can only go to the email address you gave us.',
    );
    const long = new LiveChatError('too-large', 'Messages are limited to 5000 characters');
    expect(toFormError(long, ['message'])).to.deep.equal({code: 'too-large', field: 'message'});
  });

  it('keeps other failures form-wide, with a sentence for each', () => {
    const limited = new LiveChatError('rate-limited', 'Too many requests');
    expect(toFormError(limited, ['email'])).to.deep.equal({code: 'rate-limited'});
    expect(toFormError(new Error('boom'), ['email'])).to.deep.equal({code: 'server'});
    expect(formErrorText('rate-limited')).to.equal(
      'Too many attempts. Please wait a moment and try again.',
    );
    expect(formErrorText('offline')).to.equal('No agent is available right now.');
    expect(formErrorText('server')).to.equal('Something went wrong. Please try again.');
  });
});
