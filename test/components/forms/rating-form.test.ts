import {expect, fixture, html, oneEvent, waitUntil} from '@open-wc/testing';
import {pressKey} from '../../helpers/keys.js';
import {defineWindowElements} from '../../../src/components/window/window-elements.js';
import type {LcRatingForm} from '../../../src/components/forms/rating-form.js';
import {button, control, deepActiveElement, fill} from './form-helpers.js';

const SURVEY = {
  items: ['satisfaction', 'agentKnowledge', 'agentResposiveness', 'agentFriendliness'],
  values: ['1', '2', '3', '4', '5'],
};

const groups = (el: LcRatingForm) => [
  ...el.shadowRoot!.querySelectorAll<HTMLElement>('[role="radiogroup"]'),
];
const groupName = (el: LcRatingForm, group: HTMLElement) =>
  el.shadowRoot!.getElementById(group.getAttribute('aria-labelledby')!)!.textContent!.trim();
const rating = () =>
  fixture<LcRatingForm>(html`<lc-rating-form .survey=${SURVEY}></lc-rating-form>`);
const radios = (group: HTMLElement) => [...group.querySelectorAll<HTMLInputElement>('input')];

describe('<lc-rating-form>', () => {
  before(() => defineWindowElements());

  it('has a labelled radio group per survey item with options 1 to 5', async () => {
    const el = await rating();
    expect(el.shadowRoot!.querySelector('form')!.getAttribute('part')).to.equal('form');
    expect(groups(el).map((g) => groupName(el, g))).to.deep.equal([
      'Overall satisfaction',
      'Agent knowledge',
      'Agent responsiveness',
      'Agent friendliness',
    ]);
    const labels = radios(groups(el)[0]).map((r) => r.closest('label')!.textContent!.trim());
    expect(labels).to.deep.equal(['1', '2', '3', '4', '5']);
    expect(control(el, 'Comment').tagName).to.equal('TEXTAREA');
    expect(button(el, 'Send rating').type).to.equal('submit');
    await expect(el).to.be.accessible();
  });

  it('gives each answer a target of 24 px at least, edged twice once chosen', async () => {
    const el = await fixture<LcRatingForm>(
      html`<lc-rating-form style="--_lc-agent-ring: #0f766e" .survey=${SURVEY}></lc-rating-form>`,
    );
    const options = radios(groups(el)[0]).map((r) => r.closest('label')!);
    for (const option of options) {
      const {width, height} = option.getBoundingClientRect();
      expect(Math.min(width, height), option.textContent!.trim()).to.be.at.least(24);
    }
    options[3].click();
    await el.updateComplete;
    expect(radios(groups(el)[0])[3].checked).to.be.true;
    // A second, inner edge: the choice shows without colour alone.
    expect(getComputedStyle(options[3]).boxShadow).to.contain('rgb(15, 118, 110)');
    expect(getComputedStyle(options[0]).boxShadow).to.equal('none');
  });

  it('names an unknown item by itself', async () => {
    const el = await fixture<LcRatingForm>(
      html`<lc-rating-form .survey=${{items: ['Waiting time'], values: []}}></lc-rating-form>`,
    );
    expect(groupName(el, groups(el)[0])).to.equal('Waiting time');
    expect(radios(groups(el)[0]).map((r) => r.value)).to.deep.equal(['1', '2', '3', '4', '5']);
  });

  it('asks for at least one answer, on the first group', async () => {
    const el = await rating();
    let fired = 0;
    el.addEventListener('lc-rate', () => fired++);
    button(el, 'Send rating').click();
    await el.updateComplete;
    const first = groups(el)[0];
    expect(first.getAttribute('aria-invalid')).to.equal('true');
    const error = el.shadowRoot!.getElementById(first.getAttribute('aria-describedby')!)!;
    expect(error.textContent).to.equal('Please choose a rating or write a comment.');
    await waitUntil(() => deepActiveElement() === radios(first)[0], 'the first radio has focus');
    expect(fired).to.equal(0);
    await expect(el).to.be.accessible();
  });

  it('is answered with the arrow keys and sends every answer with the comment', async () => {
    const el = await rating();
    const [satisfaction, , , friendliness] = groups(el);
    radios(satisfaction)[2].focus();
    await pressKey('Space');
    await pressKey('ArrowRight');
    radios(friendliness)[4].click();
    fill(control(el, 'Comment'), '  Quick and kind. ');
    await el.updateComplete;
    expect(radios(satisfaction)[3].checked).to.be.true;
    setTimeout(() => button(el, 'Send rating').click());
    const {detail} = await oneEvent(el, 'lc-rate');
    expect(detail).to.deep.equal({
      answers: {satisfaction: '4', agentFriendliness: '5'},
      comment: 'Quick and kind.',
    });
  });

  it('accepts a comment alone and thanks the visitor once sent', async () => {
    const el = await rating();
    fill(control(el, 'Comment'), 'Nice');
    setTimeout(() => button(el, 'Send rating').click());
    expect((await oneEvent(el, 'lc-rate')).detail).to.deep.equal({answers: {}, comment: 'Nice'});
    el.submission = {status: 'sent'};
    await el.updateComplete;
    // Not trimmed: the line keeps its white space, so a stray break would show as a blank line.
    expect(el.shadowRoot!.querySelector('.done')!.textContent).to.equal(
      'Thank you for your feedback.',
    );
    expect(el.shadowRoot!.querySelector('form') === null).to.be.true;
    await expect(el).to.be.accessible();
  });

  it('rings the thanks inside its box, which spans a scrolling screen that would cut it', async () => {
    const el = await fixture<LcRatingForm>(
      html`<lc-rating-form style="--_lc-accent: #0f766e" .survey=${SURVEY}></lc-rating-form>`,
    );
    el.submission = {status: 'sent'};
    await el.updateComplete;
    const done = el.shadowRoot!.querySelector<HTMLElement>('.done')!;
    done.focus();
    expect(done.matches(':focus-visible')).to.be.true;
    const ring = getComputedStyle(done);
    expect(ring.outlineStyle).to.equal('solid');
    expect(parseFloat(ring.outlineOffset) + parseFloat(ring.outlineWidth)).to.be.at.most(0);
  });
});
