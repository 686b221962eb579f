import {expect, fixture, html, oneEvent} from '@open-wc/testing';
import {defineWindowElements} from '../../src/components/window/window-elements.js';
import type {LcFinished} from '../../src/components/finished/finished.js';
import {IDLE_FORMS} from '../../src/components/forms/form-status.js';
import {makeConfig} from './config-fixture.js';
import {button} from './forms/form-helpers.js';

const SURVEY = {items: ['satisfaction', 'agentKnowledge'], values: ['1', '2', '3', '4', '5']};

describe('<lc-finished>', () => {
  before(() => defineWindowElements());

  it('says the chat ended and offers a new one when the server offers nothing else', async () => {
    const el = await fixture<LcFinished>(html`<lc-finished .config=${makeConfig()}></lc-finished>`);
    expect(el.shadowRoot!.querySelector('.headline')!.textContent).to.equal('This chat has ended');
    expect(el.shadowRoot!.querySelector('lc-transcript-form') === null).to.be.true;
    expect(el.shadowRoot!.querySelector('lc-rating-form') === null).to.be.true;
    setTimeout(() => button(el, 'Start a new chat').click());
    expect((await oneEvent(el, 'lc-start-chat')).detail).to.deep.equal({});
    await expect(el).to.be.accessible();
  });

  it('shows the server texts, the transcript offer and the rating', async () => {
    const config = makeConfig({
      settings: {transcript: true},
      survey: SURVEY,
      messages: {
        conversationFinishedMessage: 'Thanks for riding with us!',
        conversationFinishedText: 'Our shop opens at 9.',
        transcriptMessage: 'Want a copy?',
      },
    });
    const el = await fixture<LcFinished>(
      html`<lc-finished
        .config=${config}
        email="ada@example.com"
        .forms=${{...IDLE_FORMS, rating: {status: 'sending'}}}
      ></lc-finished>`,
    );
    const root = el.shadowRoot!;
    const texts = [...root.querySelectorAll('.summary p')].map((p) => p.textContent);
    expect(texts).to.deep.equal(['Thanks for riding with us!', 'Our shop opens at 9.']);
    const transcript = root.querySelector('lc-transcript-form')!;
    expect(transcript.email).to.equal('ada@example.com');
    expect(transcript.message).to.equal('Want a copy?');
    expect(transcript.getAttribute('exportparts')).to.equal('form');
    const rating = root.querySelector('lc-rating-form')!;
    expect(rating.survey).to.deep.equal(SURVEY);
    expect(rating.submission.status).to.equal('sending');
    await expect(el).to.be.accessible();
  });

  it('offers the transcript when the server prompts for it', async () => {
    const el = await fixture<LcFinished>(
      html`<lc-finished .config=${makeConfig()} transcript-offered></lc-finished>`,
    );
    expect(el.shadowRoot!.querySelector('lc-transcript-form') !== null).to.be.true;
  });
});
