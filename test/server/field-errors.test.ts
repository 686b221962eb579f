import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {api, startTestServer} from '../helpers/node/server-fixture.js';
import type {TestServer} from '../helpers/node/server-fixture.js';
import {assertShape} from '../helpers/node/shape.js';

const ORDER_FIELD = {
  _id: 'orderNumber',
  label: 'Order number',
  regexp: '^[0-9]+$',
  required: false,
  type: 'input' as const,
  scope: 'visitor' as const,
};
const SALES = {_id: 'sales', name: 'Sales', showOnRegistration: true, showOnOfflineForm: true};

describe('validation errors name the field they are about (details.field)', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({settings: {customFields: [ORDER_FIELD], departments: [SALES]}});
  });
  after(() => server.close());

  const post = (path: string, body: unknown) => api(server.url, `/api/v1/livechat/${path}`, {body});
  const token = () => `field-errors-${Math.random().toString(36).slice(2)}`;

  it('a refused visitor email, in the Meteor.Error body of invalid-params', async () => {
    const res = await post('visitor', {visitor: {token: token(), email: 'not an email'}});
    assert.equal(res.status, 400);
    assertShape(res.body, {success: false, errorType: 'invalid-params', details: {field: 'email'}});
    assert.match(res.body.error, /\[invalid-params\]$/);
  });

  it('a custom field value, by its key: regexp, length, single and batch', async () => {
    const visitor = token();
    await post('visitor', {visitor: {token: visitor}});
    const pattern = await post('custom.fields', {
      token: visitor,
      customFields: [{key: 'orderNumber', value: 'abc', overwrite: true}],
    });
    assertShape(pattern.body, {
      errorType: 'invalid-custom-field-value',
      details: {field: 'orderNumber'},
    });
    const long = 'x'.repeat(1025);
    const batch = await post('custom.fields', {
      token: visitor,
      customFields: [{key: 'orderNumber', value: long, overwrite: true}],
    });
    assertShape(batch.body, {errorType: 'invalid-params', details: {field: 'orderNumber'}});
    assert.match(batch.body.error, /more than 1024 characters/);
    const single = await post('custom.field', {
      token: visitor,
      key: 'orderNumber',
      value: long,
      overwrite: true,
    });
    assertShape(single.body, {errorType: 'invalid-params', details: {field: 'orderNumber'}});
    const registered = await post('visitor', {
      visitor: {token: visitor, customFields: [{key: 'orderNumber', value: long, overwrite: true}]},
    });
    assertShape(registered.body, {errorType: 'invalid-params', details: {field: 'orderNumber'}});
  });

  it('the offline form: a line break, a blank name, an unknown department', async () => {
    const base = {name: 'Ada', email: 'ada@example.com', message: 'Hello'};
    const cases: [Record<string, string>, string][] = [
      [{email: 'ada@example.com\r\nBcc: x@y.z'}, 'email'],
      [{name: 'Ada\nLovelace'}, 'name'],
      [{name: '   '}, 'name'],
      [{department: 'nowhere'}, 'department'],
    ];
    for (const [change, field] of cases) {
      const res = await post('offline.message', {...base, ...change});
      assert.equal(res.status, 400, field);
      assertShape(res.body, {errorType: 'invalid-params', details: {field}});
    }
  });

  it('keeps the plain body, without details, for errors about no field', async () => {
    const res = await post('room.close', {token: token(), rid: 'nosuchroom00001'});
    assert.deepEqual(res.body, {
      success: false,
      error: '[invalid-token]',
      errorType: 'invalid-token',
    });
  });
});
