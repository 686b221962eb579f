import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {agentOf, openPage, startDemoSuite, type WidgetSuite} from '../helpers/node/widget-site.js';

describe('a custom field the server refuses', () => {
  let stage: WidgetSuite;

  before(async () => {
    stage = await startDemoSuite({
      settings: {customFields: [{_id: 'orderNumber', label: 'Order number', type: 'input'}]},
    });
  });

  after(() => stage?.close());

  it("shows the server's refusal next to that field, then starts the chat", async () => {
    const {page, errors} = await openPage(stage.browser, stage.site.url);
    await page.getByRole('button', {name: 'Open chat'}).click();
    const dialog = page.getByRole('dialog', {name: 'Live chat'});
    await dialog.getByRole('textbox', {name: 'Name'}).fill('Ada Lovelace');
    await dialog.getByRole('textbox', {name: 'Email'}).fill('ada@example.com');
    const order = dialog.getByRole('textbox', {name: 'Order number'});
    // The widget knows no length limit for custom fields; the server allows 1024 characters.
    await order.fill('4'.repeat(1100));
    await dialog.getByRole('button', {name: 'Start chat'}).click();

    await dialog.locator('input[aria-invalid="true"]').waitFor();
    assert.equal(await order.getAttribute('aria-invalid'), 'true');
    const describedBy = await order.getAttribute('aria-describedby');
    assert.ok(describedBy, 'the error text is tied to the field');
    const error = dialog.locator(`[id="${describedBy}"]`);
    assert.equal((await error.textContent())?.trim(), 'This text is too long.');
    assert.equal(await dialog.getByRole('alert').count(), 0, 'no form-wide alert');
    assert.equal(
      await order.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement),
      true,
      'focus moved to the refused field',
    );
    assert.equal(
      await dialog.getByRole('textbox', {name: 'Message'}).count(),
      0,
      'the form stays until every answer is stored',
    );

    await order.fill('4711');
    assert.equal(await order.getAttribute('aria-invalid'), 'false');
    await dialog.getByRole('button', {name: 'Start chat'}).click();
    const composer = dialog.getByRole('textbox', {name: 'Message'});
    await composer.fill('Where is my order?');
    await dialog.getByRole('button', {name: 'Send'}).click();
    const desk = await agentOf(stage.site.url);
    await dialog.getByText('Agent Smith').first().waitFor();
    const [rid] = await desk.openRoomIds();
    assert.ok(rid);
    assert.deepEqual(errors, []);
  });
});
