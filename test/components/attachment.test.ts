import {expect, fixture, html, oneEvent, waitUntil} from '@open-wc/testing';
import {pressKey} from '../helpers/keys.js';
import {defineWindowElements} from '../../src/components/window/window-elements.js';
import type {LcAttachment} from '../../src/components/attachments/attachment.js';
import type {LcMessageList} from '../../src/components/message-list/message-list.js';
import type {Attachment} from '../../src/core/index.js';
import {makeMessage, visitorMessage} from './fixtures.js';

// Only http(s) links are shown, so the files are ones the test server has: loading and
// playing are not under test here (the end-to-end suite loads real uploads).
const IMAGE = `${location.origin}/public/bike.svg`;
const FILE = `${location.origin}/package.json`;

const view = (attachment: Attachment) =>
  fixture<LcAttachment>(html`<lc-attachment .attachment=${attachment}></lc-attachment>`);
const $ = <T extends Element>(el: LcAttachment, selector: string) =>
  el.shadowRoot!.querySelector<T>(selector);

describe('<lc-attachment>', () => {
  before(() => defineWindowElements());

  it('shows an image as a lazy thumbnail named by the file, in its known size', async () => {
    const el = await view({
      title: 'bike.png',
      url: `${IMAGE}?token=t`,
      type: 'image/png',
      width: 960,
      height: 480,
    });
    const img = $<HTMLImageElement>(el, 'img')!;
    expect(img.alt).to.equal('bike.png');
    expect(img.getAttribute('src')).to.equal(`${IMAGE}?token=t`);
    expect(img.loading).to.equal('lazy');
    expect([img.width, img.height]).to.deep.equal([240, 120]);
    await expect(el).to.be.accessible();
  });

  it('keeps a 4:3 box for an image of unknown size, before and after it loads', async () => {
    const el = await view({title: 'bike.svg', url: IMAGE, type: 'image/svg+xml'});
    const img = $<HTMLImageElement>(el, 'img')!;
    const box = () => {
      const {width, height} = img.getBoundingClientRect();
      return [Math.round(width), Math.round(height)];
    };
    const before = box();
    if (!img.complete) await oneEvent(img, 'load');
    expect(img.naturalWidth).to.be.greaterThan(0);
    expect(box()).to.deep.equal(before);
    expect(before).to.deep.equal([240, 180]);
  });

  it('shows an image the server no longer has as its name, saying so, not a broken picture', async () => {
    const gone = {title: 'old-bike.png', url: `${location.origin}/gone.png`, type: 'image/png'};
    const el = await view(gone);
    expect($(el, 'img'), 'it is tried first').to.not.equal(null);
    await waitUntil(() => $(el, '.unavailable'), 'the failed load is noticed');
    expect($(el, 'img')).to.equal(null);
    expect($(el, 'button.open'), 'nothing to open').to.equal(null);
    expect($(el, '.card .name')!.textContent).to.equal('old-bike.png');
    expect($(el, '.card a'), 'no link to follow').to.equal(null);
    expect($(el, '.unavailable')!.textContent!.trim()).to.equal('No longer available');
    await expect(el).to.be.accessible();
    // A fresh link gets a new try.
    el.attachment = {...gone, url: IMAGE};
    await el.updateComplete;
    expect($<HTMLImageElement>(el, 'img')!.getAttribute('src')).to.equal(IMAGE);
  });

  it('opens the image full size and closes it with Escape, back on the thumbnail', async () => {
    const el = await view({title: 'bike.png', url: IMAGE, type: 'image/png'});
    const opener = $<HTMLButtonElement>(el, 'button.open')!;
    let minimised = 0;
    el.addEventListener('keydown', () => minimised++);
    opener.click();
    await el.updateComplete;
    const dialog = $<HTMLDialogElement>(el, 'dialog')!;
    expect(dialog.open).to.be.true;
    expect(dialog.getAttribute('aria-label')).to.equal('bike.png');
    expect(dialog.querySelector('img.full')!.getAttribute('alt')).to.equal('bike.png');
    await expect(el).to.be.accessible();
    const closed = oneEvent(dialog, 'close');
    await pressKey('Escape');
    await closed;
    await el.updateComplete;
    expect(dialog.open).to.be.false;
    expect(el.shadowRoot!.activeElement).to.equal(opener);
    expect(minimised, 'Escape stays inside the viewer').to.equal(0);
  });

  it('plays audio and video with native controls named by the file', async () => {
    const audio = await view({title: 'note.ogg', url: FILE, type: 'audio/ogg'});
    const player = $<HTMLAudioElement>(audio, 'audio')!;
    expect(player.controls).to.be.true;
    expect($(audio, `#${player.getAttribute('aria-labelledby')}`)!.textContent).to.equal(
      'note.ogg',
    );
    await expect(audio).to.be.accessible();
    const video = await view({title: 'ride.mp4', url: FILE, type: 'video/mp4'});
    expect($<HTMLVideoElement>(video, 'video')!.controls).to.be.true;
    expect($(video, '.caption')!.textContent).to.equal('ride.mp4');
    await expect(video).to.be.accessible();
  });

  it('shows any other file as a card with its size and a download link named by it', async () => {
    const el = await view({
      title: 'invoice.pdf',
      url: `${FILE}?token=t`,
      type: 'application/pdf',
      size: 1536,
      description: 'My invoice',
    });
    const link = $<HTMLAnchorElement>(el, 'a.download')!;
    expect(link.textContent!.trim()).to.equal('invoice.pdf');
    expect(link.querySelector('bdi')).to.not.equal(null);
    expect(link.href).to.equal(`${FILE}?token=t`);
    expect(link.rel).to.equal('noopener noreferrer');
    expect($(el, '.size')!.textContent).to.equal(
      new Intl.NumberFormat('en', {
        style: 'unit',
        unit: 'kilobyte',
        unitDisplay: 'short',
        maximumFractionDigits: 1,
      }).format(1.5),
    );
    expect($(el, '.description')!.textContent).to.equal('My invoice');
    expect(getComputedStyle($(el, '.size')!).opacity, 'faded, it lost 4.5:1').to.equal('1');
    await expect(el).to.be.accessible();
  });

  it('spells out a size under a kilobyte in the plural: "120 bytes", not "120 byte"', async () => {
    const el = await view({
      title: 'notes.txt',
      url: `${FILE}?token=t`,
      type: 'text/plain',
      size: 120,
    });
    expect($(el, '.size')!.textContent).to.equal('120 bytes');
  });

  it('rings the viewer’s controls in the window’s accent, not the visitor bubble’s', async () => {
    const photo = {title: 'bike.png', url: IMAGE, type: 'image/png'};
    const wrapper = await fixture<HTMLElement>(
      html`<div
        style="--_lc-accent: #2563eb; --_lc-surface-accent: #2563eb; --_lc-on-accent: #ffffff"
      >
        <lc-message-list .messages=${[visitorMessage({text: '', attachments: [photo]})]}>
        </lc-message-list>
      </div>`,
    );
    const list = wrapper.querySelector<LcMessageList>('lc-message-list')!;
    const el = list.shadowRoot!.querySelector<LcAttachment>('.visitor lc-attachment')!;
    await el.updateComplete;
    const accent = (node: Element) => getComputedStyle(node).getPropertyValue('--_lc-accent');
    expect(accent($(el, 'button.open')!).trim(), 'in the bubble').to.equal('#ffffff');
    $<HTMLButtonElement>(el, 'button.open')!.click();
    await el.updateComplete;
    expect(accent($(el, 'dialog .close')!).trim()).to.equal('#2563eb');
  });

  it('keeps a hostile file name as text and refuses links that are not http(s)', async () => {
    const name = '<img src=x onerror="window.__pwned=1">‮fdp.exe';
    const el = await view({title: name, url: 'javascript:window.__pwned=1', type: 'image/png'});
    expect($(el, 'img')).to.equal(null);
    expect($(el, 'a')).to.equal(null);
    expect($(el, 'bdi.name')!.textContent).to.equal(name);
    expect((window as {__pwned?: number}).__pwned).to.equal(undefined);
    await expect(el).to.be.accessible();
  });
});

describe('<lc-message-list> with files', () => {
  before(() => defineWindowElements());

  it('shows the text and the files of a message, and a pending file as its name', async () => {
    const messages = [
      makeMessage({
        text: 'Here is the manual',
        attachments: [{title: 'manual.pdf', url: FILE, type: 'application/pdf'}],
      }),
      visitorMessage({text: '', status: 'pending', attachments: [{title: 'me.png', size: 4}]}),
    ];
    const el = await fixture<LcMessageList>(
      html`<lc-message-list .messages=${messages}></lc-message-list>`,
    );
    const [agent, visitor] = el.shadowRoot!.querySelectorAll('.message');
    expect(agent.querySelector('.text')!.textContent).to.equal('Here is the manual');
    const card = agent.querySelector('lc-attachment')!.shadowRoot!;
    expect(card.querySelector('a')!.textContent!.trim()).to.equal('manual.pdf');
    expect(visitor.querySelector('.text')).to.equal(null);
    const pending = visitor.querySelector('lc-attachment')!.shadowRoot!;
    expect(pending.querySelector('a')).to.equal(null);
    expect(pending.querySelector('.name')!.textContent).to.equal('me.png');
    await expect(el).to.be.accessible();
  });
});
