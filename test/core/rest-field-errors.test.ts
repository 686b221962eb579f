import {expect} from '@open-wc/testing';
import {fieldOf, httpError} from '../../src/core/transport/rest-errors.js';

describe('REST errors: the field a refusal is about', () => {
  it("carries the reference server's details.field on the LiveChatError", () => {
    const error = httpError(400, {
      success: false,
      errorType: 'invalid-custom-field-value',
      error: 'Invalid value for Order number field [invalid-custom-field-value]',
      details: {field: 'orderNumber'},
    });
    expect(error.code).to.equal('invalid-input');
    expect(error.field).to.equal('orderNumber');
    expect(error.serverError).to.equal('invalid-custom-field-value');
  });

  it('reads the field Rocket.Chat names in its message or implies by its code', () => {
    expect(fieldOf({success: false, error: 'Invalid value for orderNumber field'})).to.equal(
      'orderNumber',
    );
    expect(
      fieldOf({success: false, error: 'Missing required custom fields: frame, order'}),
    ).to.equal('frame');
    const email = {
      success: false,
      error: 'Invalid email [error-invalid-email]',
      errorType: 'error-invalid-email',
    };
    expect(httpError(400, email).field).to.equal('email');
  });

  it('names no field for errors about none', () => {
    const error = httpError(400, {success: false, error: 'invalid-room'});
    expect(error.field).to.equal(undefined);
    expect('field' in error).to.be.false;
    expect(fieldOf(null)).to.equal(undefined);
  });

  it("names the reference server's upload storage refusals quota-exceeded", () => {
    for (const reason of ['error-upload-quota-exceeded', 'error-upload-storage-full']) {
      const error = httpError(400, {success: false, reason, quotaAllowed: '200 MB'});
      expect(error.code, reason).to.equal('quota-exceeded');
      expect(error.serverError).to.equal(reason);
    }
  });
});
