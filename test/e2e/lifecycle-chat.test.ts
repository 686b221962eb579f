import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {agentOf, openPage, startDemoSuite, type WidgetSuite} from '../helpers/node/widget-site.js';

describe('a chat from the pre-chat form to the rating and the transcript', () => {
  let stage: WidgetSuite;

  before(async () => {
    stage = await startDemoSuite({
      settings: {
        transcript: true,
        showConnecting: true,
        registrationFormMessage: 'Tell us who you are.',
        conversationFinishedMessage: 'Thanks for riding with us!',
        conversationFinishedText: 'Our shop opens at nine.',
        transcriptMessage: 'Want a copy of this chat?',
      },
    });
  });

  after(() => stage?.close());

  it('registers, chats, is closed by the agent, rates and asks for the transcript', async () => {
    const {page, errors} = await openPage(stage.browser, stage.site.url);
    await page.getByRole('button', {name: 'Open chat'}).click();
    const dialog = page.getByRole('dialog', {name: 'Live chat'});
    await dialog.getByText('Tell us who you are.').waitFor();
    assert.equal(await dialog.getByRole('textbox', {name: 'Message'}).count(), 0);

    await dialog.getByRole('button', {name: 'Start chat'}).click();
    const name = dialog.getByRole('textbox', {name: 'Name'});
    assert.equal(await name.getAttribute('aria-invalid'), 'true', 'an empty name is refused');
    await name.fill('Ada Lovelace');
    await dialog.getByRole('textbox', {name: 'Email'}).fill('ada@example.com');
    await dialog.getByRole('button', {name: 'Start chat'}).click();

    const composer = dialog.getByRole('textbox', {name: 'Message'});
    await composer.fill('Is my bike ready?');
    await dialog.getByRole('button', {name: 'Send'}).click();
    const desk = await agentOf(stage.site.url);
    const log = dialog.getByRole('log');
    await log.getByText('Is my bike ready?').waitFor();
    const [rid] = await desk.openRoomIds();
    assert.ok(rid, 'the chat reached the agent');
    await desk.reply(rid, 'Yes, since this morning.');
    await log.getByText('Yes, since this morning.').waitFor();
    await dialog.getByText('Agent Smith').first().waitFor();

    await desk.close(rid);
    await dialog.getByText('Thanks for riding with us!').waitFor();
    await dialog.getByText('Our shop opens at nine.').waitFor();
    await dialog.getByText('Want a copy of this chat?').waitFor();
    assert.equal(await dialog.getByRole('button', {name: 'End chat'}).count(), 0);

    await dialog
      .getByRole('radiogroup', {name: 'Overall satisfaction'})
      .getByRole('radio', {name: '5'})
      .check();
    await dialog
      .getByRole('radiogroup', {name: 'Agent friendliness'})
      .getByRole('radio', {name: '4'})
      .check();
    await dialog.getByRole('textbox', {name: 'Comment'}).fill('Quick and kind.');
    await dialog.getByRole('button', {name: 'Send rating'}).click();
    await dialog.getByText('Thank you for your feedback.').waitFor();

    const email = dialog.getByRole('textbox', {name: 'Email'});
    assert.equal(await email.inputValue(), 'ada@example.com', 'prefilled from the visitor');
    await dialog.getByRole('button', {name: 'Email me the transcript'}).click();
    await dialog.getByText('The transcript is on its way to ada@example.com.').waitFor();

    const {surveyFeedback, transcriptRequests} = await desk.feedback(rid);
    assert.equal(surveyFeedback.satisfaction, '5');
    assert.equal(surveyFeedback.agentFriendliness, '4');
    assert.equal(surveyFeedback.additionalFeedback, 'Quick and kind.');
    assert.equal(transcriptRequests.length, 1);
    assert.equal(transcriptRequests[0].email, 'ada@example.com');

    await dialog.getByRole('button', {name: 'Start a new chat'}).click();
    await composer.waitFor();
    assert.equal(await dialog.getByRole('button', {name: 'Start chat'}).count(), 0);
    assert.deepEqual(errors, []);
  });
});
