import {expect, fixture, html, oneEvent} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import type {LcAgentConversation} from '../../src/agent/conversation.js';
import {defineAgentElements} from '../../src/agent/define.js';
import {deepActiveElement} from '../../src/agent/focus.js';
import {consoleMessage, roomSummary} from './fixtures.js';

defineAgentElements();

const ROOM = roomSummary();

describe('<lc-agent-conversation>', () => {
  it('keeps the keyboard in the chat, in the reply box, when a failed reply is retried', async () => {
    const failed = consoleMessage({id: 'a1', role: 'agent', text: 'Hi', status: 'failed'});
    const el = await fixture<LcAgentConversation>(
      html`<lc-agent-conversation .room=${ROOM} .messages=${[failed]}></lc-agent-conversation>`,
    );
    const retry = el.shadowRoot!.querySelector<HTMLButtonElement>('.error button')!;
    retry.focus();
    const retried = oneEvent(el, 'lc-agent-retry');
    await sendKeys({press: 'Enter'});
    expect((await retried).detail).to.deep.equal({rid: 'r1', id: 'a1'});
    el.messages = [{...failed, status: 'pending'}];
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.error button')).to.equal(null);
    const reply = el
      .shadowRoot!.querySelector('lc-agent-composer')!
      .shadowRoot!.querySelector('textarea');
    expect(deepActiveElement() === reply).to.equal(true, 'focus is in the reply box');
  });

  it('keeps the keyboard in the chat, on its log, when the chat closes under the agent', async () => {
    const el = await fixture<LcAgentConversation>(
      html`<lc-agent-conversation .room=${ROOM} .messages=${[]}></lc-agent-conversation>`,
    );
    const composer = el.shadowRoot!.querySelector('lc-agent-composer')!;
    composer.focus();
    el.room = {...ROOM, isOpen: false}; // the visitor ended the chat
    await el.updateComplete;
    await composer.updateComplete;
    expect(composer.shadowRoot!.querySelector('textarea')!.disabled).to.equal(true);
    const log = el.shadowRoot!.querySelector('[role="log"]');
    expect(deepActiveElement() === log).to.equal(true, 'focus is on the log');

    el.room = ROOM;
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLButtonElement>('#close-toggle')!.focus();
    el.room = {...ROOM, isOpen: false};
    await el.updateComplete;
    expect(deepActiveElement() === log).to.equal(true, 'from the "Close chat" button too');
  });

  it('keeps no unsent reply of a chat that closed under the agent, for a reload or a return', async () => {
    const el = await fixture<LcAgentConversation>(
      html`<lc-agent-conversation .room=${ROOM} .messages=${[]}></lc-agent-conversation>`,
    );
    const composer = el.shadowRoot!.querySelector('lc-agent-composer')!;
    composer.shadowRoot!.querySelector('textarea')!.focus();
    await sendKeys({type: 'Your new chain'});
    expect(sessionStorage.getItem('live-chat-agent:draft:r1')).to.equal('Your new chain');
    el.room = {...ROOM, isOpen: false}; // the visitor ended the chat
    await el.updateComplete;
    await composer.updateComplete;
    const box = composer.shadowRoot!.querySelector('textarea')!;
    expect([box.disabled, box.value]).to.deep.equal([true, 'Your new chain'], 'still in sight');
    expect(sessionStorage.getItem('live-chat-agent:draft:r1')).to.equal(null);

    el.room = {...ROOM, rid: 'r2'}; // on to the next chat, and back
    await el.updateComplete;
    el.room = {...ROOM, isOpen: false};
    await el.updateComplete;
    await composer.updateComplete;
    expect(composer.shadowRoot!.querySelector('textarea')!.value).to.equal('');
  });
});
