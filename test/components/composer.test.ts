import {expect, fixture, html, oneEvent} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import {pressKey} from '../helpers/keys.js';
import {defineWindowElements} from '../../src/components/window/window-elements.js';
import type {LcComposer} from '../../src/components/composer/composer.js';

const textarea = (el: LcComposer) => el.shadowRoot!.querySelector('textarea')!;
const sendButton = (el: LcComposer) =>
  el.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!;
const counter = (el: LcComposer) => el.shadowRoot!.querySelector('.counter');

async function typeDraft(el: LcComposer, value: string): Promise<void> {
  textarea(el).value = value;
  textarea(el).dispatchEvent(new InputEvent('input', {bubbles: true, composed: true}));
  await el.updateComplete;
}

// Firefox ignores the clipboardData a script passes to new ClipboardEvent() (it always makes an
// empty one), so the pasted data is set on the event itself, as a real paste carries it.
function pasteEvent(data: DataTransfer): ClipboardEvent {
  const event = new ClipboardEvent('paste', {cancelable: true});
  Object.defineProperty(event, 'clipboardData', {value: data});
  return event;
}

describe('<lc-composer>', () => {
  before(() => defineWindowElements());

  it('renders a labelled text box and a Send button that waits for text', async () => {
    const el = await fixture<LcComposer>(html`<lc-composer></lc-composer>`);
    const label = el.shadowRoot!.querySelector(`label[for="${textarea(el).id}"]`)!;
    expect(label.textContent!.trim()).to.equal('Message');
    expect(sendButton(el).getAttribute('aria-label')).to.equal('Send');
    expect(sendButton(el).disabled).to.be.true;
    expect(el.shadowRoot!.querySelector('[part~="composer"]')).to.be.instanceOf(HTMLFormElement);
    expect(counter(el)).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('keeps a message typed against the page direction in its own order', async () => {
    const page = await fixture<HTMLElement>(html`<div dir="rtl"><lc-composer></lc-composer></div>`);
    const el = page.querySelector('lc-composer')!;
    await el.updateComplete;
    const direction = () => getComputedStyle(textarea(el)).direction;
    // Empty, the placeholder and the caret follow the Arabic page.
    expect(direction()).to.equal('rtl');
    el.focus();
    await sendKeys({type: 'Do you ship to Spain?'});
    await el.updateComplete;
    // Laid out left to right: the question mark stays at the end, not before "Do".
    expect(direction()).to.equal('ltr');
    await typeDraft(el, 'هل تشحنون إلى إسبانيا؟');
    expect(direction()).to.equal('rtl');
  });

  it('sends with Enter, keeps Shift+Enter as a new line, and clears the draft', async () => {
    const el = await fixture<LcComposer>(html`<lc-composer></lc-composer>`);
    el.focus();
    await sendKeys({type: 'Two lines'});
    await pressKey('Shift+Enter');
    await sendKeys({type: 'please'});
    expect(textarea(el).value).to.equal('Two lines\nplease');
    setTimeout(() => pressKey('Enter'));
    const event = await oneEvent(el, 'lc-send');
    expect(event.detail).to.deep.equal({text: 'Two lines\nplease'});
    await el.updateComplete;
    expect(textarea(el).value).to.equal('');
  });

  it('sends with the Send button, trimmed', async () => {
    const el = await fixture<LcComposer>(html`<lc-composer></lc-composer>`);
    await typeDraft(el, '  Hello there  ');
    expect(sendButton(el).disabled).to.be.false;
    setTimeout(() => sendButton(el).click());
    const event = await oneEvent(el, 'lc-send');
    expect(event.detail).to.deep.equal({text: 'Hello there'});
  });

  it('does not send blank text', async () => {
    const el = await fixture<LcComposer>(html`<lc-composer></lc-composer>`);
    let sent = 0;
    el.addEventListener('lc-send', () => sent++);
    await typeDraft(el, '   \n ');
    el.focus();
    await pressKey('Enter');
    expect(sent).to.equal(0);
    expect(sendButton(el).disabled).to.be.true;
  });

  it('disables input when disabled', async () => {
    const el = await fixture<LcComposer>(html`<lc-composer disabled></lc-composer>`);
    expect(textarea(el).disabled).to.be.true;
    expect(sendButton(el).disabled).to.be.true;
    await expect(el).to.be.accessible();
  });

  it('counts code points near the limit and refuses a message over it', async () => {
    const el = await fixture<LcComposer>(html`<lc-composer></lc-composer>`);
    await typeDraft(el, 'a'.repeat(4600));
    expect(counter(el)!.textContent).to.equal('400 characters left');
    expect(textarea(el).getAttribute('aria-describedby')).to.equal(counter(el)!.id);

    await typeDraft(el, '😀'.repeat(5000));
    expect(counter(el)!.textContent).to.equal('0 characters left');
    expect(sendButton(el).disabled).to.be.false;

    await typeDraft(el, '😀'.repeat(5001));
    expect(counter(el)!.textContent).to.equal('1 character over the limit');
    expect(textarea(el).getAttribute('aria-invalid')).to.equal('true');
    expect(sendButton(el).disabled).to.be.true;
    await expect(el).to.be.accessible();
  });

  it('offers "Attach a file" only when files are allowed, and sends each picked file', async () => {
    const without = await fixture<LcComposer>(html`<lc-composer></lc-composer>`);
    expect(without.shadowRoot!.querySelector('.attach')).to.equal(null);
    expect(without.shadowRoot!.querySelector('input[type="file"]')).to.equal(null);
    const el = await fixture<LcComposer>(html`<lc-composer can-attach></lc-composer>`);
    const attach = el.shadowRoot!.querySelector<HTMLButtonElement>('button.attach')!;
    expect(attach.getAttribute('aria-label')).to.equal('Attach a file');
    expect(attach.type).to.equal('button');
    await expect(el).to.be.accessible();
    const picker = el.shadowRoot!.querySelector<HTMLInputElement>('input[type="file"]')!;
    const files = new DataTransfer();
    files.items.add(new File(['%PDF-'], 'invoice.pdf', {type: 'application/pdf'}));
    files.items.add(new File(['png'], 'photo.png', {type: 'image/png'}));
    picker.files = files.files;
    const sent: string[] = [];
    el.addEventListener('lc-send-file', (e) => sent.push(e.detail.file.name));
    picker.dispatchEvent(new Event('change'));
    expect(sent).to.deep.equal(['invoice.pdf', 'photo.png']);
    expect(picker.value).to.equal('');
  });

  it('sends a file pasted into the text box instead of pasting it', async () => {
    const el = await fixture<LcComposer>(html`<lc-composer can-attach></lc-composer>`);
    const data = new DataTransfer();
    data.items.add(new File(['png'], 'screenshot.png', {type: 'image/png'}));
    const paste = pasteEvent(data);
    setTimeout(() => textarea(el).dispatchEvent(paste));
    const event = await oneEvent(el, 'lc-send-file');
    expect(event.detail.file.name).to.equal('screenshot.png');
    expect(paste.defaultPrevented).to.be.true;
    const text = new DataTransfer();
    text.setData('text/plain', 'just words');
    const plain = pasteEvent(text);
    textarea(el).dispatchEvent(plain);
    expect(plain.defaultPrevented).to.be.false;
  });
});

describe('<lc-composer> typing intents', () => {
  before(() => defineWindowElements());

  it('reports each keystroke with the draft as lc-set-typing, and leaving the box as stopped', async () => {
    const el = await fixture<LcComposer>(html`<lc-composer></lc-composer>`);
    const seen: unknown[] = [];
    el.addEventListener('lc-set-typing', (event) => seen.push(event.detail));
    el.focus();
    await sendKeys({type: 'Hi'});
    expect(seen).to.deep.equal([
      {draft: 'H', isTyping: true},
      {draft: 'Hi', isTyping: true},
    ]);
    setTimeout(() => textarea(el).blur());
    const stopped = await oneEvent(el, 'lc-set-typing');
    expect(stopped.detail).to.deep.equal({draft: 'Hi', isTyping: false});
  });

  it('sends no typing intent for a send: the client stops typing itself', async () => {
    const el = await fixture<LcComposer>(html`<lc-composer></lc-composer>`);
    await typeDraft(el, 'Hello');
    const seen: unknown[] = [];
    el.addEventListener('lc-set-typing', (event) => seen.push(event.detail));
    setTimeout(() => sendButton(el).click());
    await oneEvent(el, 'lc-send');
    expect(seen).to.deep.equal([]);
  });
});
