import {expect, fixture, html, oneEvent} from '@open-wc/testing';
import {defineWindowElements} from '../../src/components/window/window-elements.js';
import type {LcUploadList} from '../../src/components/attachments/upload-list.js';
import type {UploadsView} from '../../src/controllers/uploads-controller.js';

const list = (view: UploadsView) =>
  fixture<LcUploadList>(html`<lc-upload-list .view=${view}></lc-upload-list>`);

describe('<lc-upload-list>', () => {
  before(() => defineWindowElements());

  it('shows each upload as a progress bar named by its file, with Cancel upload', async () => {
    const el = await list({
      uploads: [
        {id: 'upload-1', name: 'photo.png', fraction: 0.25},
        {id: 'upload-2', name: 'invoice.pdf', fraction: 0.5},
      ],
      errors: [],
    });
    const bars = [...el.shadowRoot!.querySelectorAll('progress')];
    const names = bars.map((bar) => {
      const label = el.shadowRoot!.getElementById(bar.getAttribute('aria-labelledby')!);
      return label!.textContent;
    });
    expect(names).to.deep.equal(['photo.png', 'invoice.pdf']);
    expect(bars.map((bar) => bar.value)).to.deep.equal([0.25, 0.5]);
    const cancels = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button.cancel')];
    expect(cancels.map((b) => b.textContent!.trim())).to.deep.equal([
      'Cancel upload',
      'Cancel upload',
    ]);
    await expect(el).to.be.accessible();
    setTimeout(() => cancels[1].click());
    const event = await oneEvent(el, 'lc-cancel-upload');
    expect(event.detail).to.deep.equal({id: 'upload-2'});
  });

  it('says in an alert why a file was refused, and dismisses it', async () => {
    const el = await list({
      uploads: [],
      errors: [
        {id: 'upload-1', name: 'huge.pdf', code: 'too-large', maxSize: 10 * 1024 * 1024},
        {id: 'upload-2', name: 'song.flac', code: 'invalid-file'},
        {id: 'upload-3', name: 'big.png', code: 'too-large'},
        {id: 'upload-4', name: 'more.jpg', code: 'quota-exceeded'},
      ],
    });
    const alert = el.shadowRoot!.querySelector('[role="alert"]')!;
    const texts = [...alert.querySelectorAll('.error span')].map((e) => e.textContent);
    const ten = new Intl.NumberFormat('en', {
      style: 'unit',
      unit: 'megabyte',
      unitDisplay: 'short',
    }).format(10);
    expect(texts).to.deep.equal([
      `“\u2068huge.pdf\u2069” is too large. Files can be at most ${ten}.`,
      '“\u2068song.flac\u2069” cannot be sent: this kind of file is not accepted.',
      '“\u2068big.png\u2069” is too large to send.',
      '“\u2068more.jpg\u2069” cannot be sent: this chat cannot take more files.',
    ]);
    expect(el.shadowRoot!.querySelector('progress')).to.equal(null);
    await expect(el).to.be.accessible();
    const dismiss = alert.querySelector<HTMLButtonElement>('button[aria-label="Dismiss"]')!;
    setTimeout(() => dismiss.click());
    expect((await oneEvent(el, 'lc-dismiss-upload-error')).detail).to.deep.equal({
      id: 'upload-1',
    });
  });
});
