import {expect, fixture, html, waitUntil} from '@open-wc/testing';
import '../../src/index.js';
import {defineWindowElements} from '../../src/components/window/window-elements.js';
import type {LcComposer} from '../../src/components/composer/composer.js';
import type {LcTranscriptForm} from '../../src/components/forms/transcript-form.js';
import type {LcMessageList} from '../../src/components/message-list/message-list.js';
import {formatWait} from '../../src/components/queue-banner/queue-banner.js';
import {charactersLeft, charactersOver} from '../../src/components/composer/counter-text.js';
import {describeUnread, type LcLauncher} from '../../src/components/launcher/launcher.js';
import {unreadText} from '../../src/components/launcher/unread-text.js';
import type {LiveChat} from '../../src/live-chat.js';
import {applyLocale, getLocale, isRtlLocale} from '../../src/i18n/localization.js';
import {resolveLocale} from '../../src/i18n/locale-runtime.js';
import {makeMessage} from './fixtures.js';

const label = (el: LcLauncher) =>
  el.shadowRoot!.querySelector('button')!.getAttribute('aria-label');

// What a visitor sees in each shipped locale: the launcher, then the composer's label,
// placeholder and Send button.
const SHOWN: Record<string, [string, string, string, string]> = {
  en: ['Open chat', 'Message', 'Type your message…', 'Send'],
  ar: ['فتح المحادثة', 'الرسالة', 'اكتب رسالتك…', 'إرسال'],
  de: ['Chat öffnen', 'Nachricht', 'Nachricht eingeben…', 'Senden'],
  es: ['Abrir chat', 'Mensaje', 'Escriba su mensaje…', 'Enviar'],
  fr: ['Ouvrir la discussion', 'Message', 'Saisissez votre message…', 'Envoyer'],
  he: ['פתיחת הצ׳אט', 'הודעה', 'כתיבת הודעה…', 'שליחה'],
  it: ['Apri la chat', 'Messaggio', 'Scriva il Suo messaggio…', 'Invia'],
  ja: ['チャットを開く', 'メッセージ', 'メッセージを入力…', '送信'],
  nl: ['Chat openen', 'Bericht', 'Typ uw bericht…', 'Verzenden'],
  pl: ['Otwórz czat', 'Wiadomość', 'Napisz wiadomość…', 'Wyślij'],
  'pt-BR': ['Abrir conversa', 'Mensagem', 'Digite sua mensagem…', 'Enviar'],
  ru: ['Открыть чат', 'Сообщение', 'Введите сообщение…', 'Отправить'],
  'zh-CN': ['打开聊天', '消息', '输入消息…', '发送'],
};

function composerTexts(el: LcComposer): string[] {
  const textarea = el.shadowRoot!.querySelector('textarea')!;
  const textLabel = el.shadowRoot!.querySelector(`label[for="${textarea.id}"]`)!;
  const send = el.shadowRoot!.querySelector('button[type="submit"]')!;
  return [textLabel.textContent!.trim(), textarea.placeholder, send.getAttribute('aria-label')!];
}

// The text for `count` as the UI builds it: the number formatted for the locale.
const unread = (count: number) =>
  unreadText(count, new Intl.NumberFormat(getLocale()).format(count));
const left = (count: number) =>
  charactersLeft(count, new Intl.NumberFormat(getLocale()).format(count));
const over = (count: number) =>
  charactersOver(count, new Intl.NumberFormat(getLocale()).format(count));

describe('localization', () => {
  before(() => defineWindowElements());
  afterEach(() => applyLocale('en'));

  it('resolves the exact code, then the language, then English', () => {
    expect(resolveLocale('de')).to.equal('de');
    expect(resolveLocale('de-AT')).to.equal('de');
    expect(resolveLocale('ar_EG')).to.equal('ar');
    expect(resolveLocale('fr-FR')).to.equal('fr');
    expect(resolveLocale('pt')).to.equal('pt-BR');
    expect(resolveLocale('pt-PT')).to.equal('pt-BR');
    expect(resolveLocale('PT-br')).to.equal('pt-BR');
    expect(resolveLocale('zh')).to.equal('zh-CN');
    expect(resolveLocale('zh-Hans')).to.equal('zh-CN');
    expect(resolveLocale('zh-CN')).to.equal('zh-CN');
    expect(resolveLocale('he-IL')).to.equal('he');
    expect(resolveLocale('ko-KR')).to.equal('en');
    expect(resolveLocale('')).to.equal('en');
  });

  it('takes the lang attribute, else the server language, else <html lang>, else the browser', async () => {
    expect(await applyLocale('ja', 'ru')).to.equal('ja');
    expect(await applyLocale('', 'ru')).to.equal('ru');
    // A language the widget does not ship falls through to the next source.
    expect(await applyLocale('ko', 'pl')).to.equal('pl');
    const pageLang = document.documentElement.lang;
    document.documentElement.lang = 'nl-BE';
    try {
      expect(await applyLocale(null, '')).to.equal('nl');
      document.documentElement.lang = '';
      expect(await applyLocale(null)).to.equal(resolveLocale(navigator.languages[0]));
    } finally {
      document.documentElement.lang = pageLang;
    }
  });

  for (const [locale, [open, ...composer]] of Object.entries(SHOWN)) {
    it(`re-renders the launcher and the composer in ${locale}`, async () => {
      const launcher = await fixture<LcLauncher>(html`<lc-launcher></lc-launcher>`);
      const el = await fixture<LcComposer>(html`<lc-composer></lc-composer>`);
      await applyLocale(locale);
      expect(getLocale()).to.equal(locale);
      await el.updateComplete;
      expect(label(launcher)).to.equal(open);
      expect(composerTexts(el)).to.deep.equal(composer);
    });
  }

  it('mirrors the widget for Arabic and Hebrew only, following the lang attribute', async () => {
    const el = await fixture<LiveChat>(html`<live-chat lang="ar"></live-chat>`);
    const launcher = el.shadowRoot!.querySelector('lc-launcher')!;
    for (const locale of Object.keys(SHOWN)) {
      el.lang = locale;
      await waitUntil(() => getLocale() === locale, `${locale} loads`);
      await el.updateComplete;
      expect(el.dir, locale).to.equal(locale === 'ar' || locale === 'he' ? 'rtl' : 'ltr');
      expect(label(launcher), locale).to.equal(SHOWN[locale][0]);
    }
    expect(isRtlLocale('fa-IR')).to.be.true;
  });

  it('picks the Russian plural form for each count', async () => {
    await applyLocale('ru');
    expect([1, 2, 5, 11, 21, 22, 25].map(unread)).to.deep.equal([
      '1 непрочитанное сообщение',
      '2 непрочитанных сообщения',
      '5 непрочитанных сообщений',
      '11 непрочитанных сообщений',
      '21 непрочитанное сообщение',
      '22 непрочитанных сообщения',
      '25 непрочитанных сообщений',
    ]);
    expect([0, 1, 2, 5, 11, 21, 22, 25].map(left)).to.deep.equal([
      'Осталось 0 символов',
      'Остался 1 символ',
      'Осталось 2 символа',
      'Осталось 5 символов',
      'Осталось 11 символов',
      'Остался 21 символ',
      'Осталось 22 символа',
      'Осталось 25 символов',
    ]);
    expect(over(21)).to.equal('21 символ сверх лимита');
    // The estimated wait is a unit Intl formats, in the same plural forms.
    expect([60, 120, 300, 1260].map((s) => formatWait(s, 'ru'))).to.deep.equal([
      '1 минута',
      '2 минуты',
      '5 минут',
      '21 минута',
    ]);
  });

  it('picks the Polish plural form for each count', async () => {
    await applyLocale('pl');
    expect([1, 2, 5, 11, 21, 22, 25].map(unread)).to.deep.equal([
      '1 nieprzeczytana wiadomość',
      '2 nieprzeczytane wiadomości',
      '5 nieprzeczytanych wiadomości',
      '11 nieprzeczytanych wiadomości',
      '21 nieprzeczytanych wiadomości',
      '22 nieprzeczytane wiadomości',
      '25 nieprzeczytanych wiadomości',
    ]);
    expect([0, 1, 2, 5, 22].map(left)).to.deep.equal([
      'Pozostało 0 znaków',
      'Pozostał 1 znak',
      'Pozostały 2 znaki',
      'Pozostało 5 znaków',
      'Pozostały 22 znaki',
    ]);
    expect([1, 2, 12].map(over)).to.deep.equal([
      '1 znak ponad limit',
      '2 znaki ponad limit',
      '12 znaków ponad limit',
    ]);
  });

  it('picks the Arabic plural form for each count, zero and two included', async () => {
    await applyLocale('ar');
    const n = (count: number) => new Intl.NumberFormat('ar').format(count);
    expect([0, 1, 2, 5, 11, 21, 22, 25, 100].map(unread)).to.deep.equal([
      `${n(0)} رسالة غير مقروءة`,
      `${n(1)} رسالة غير مقروءة`,
      `${n(2)} رسالتان غير مقروءتين`,
      `${n(5)} رسائل غير مقروءة`,
      `${n(11)} رسالة غير مقروءة`,
      `${n(21)} رسالة غير مقروءة`,
      `${n(22)} رسالة غير مقروءة`,
      `${n(25)} رسالة غير مقروءة`,
      `${n(100)} رسالة غير مقروءة`,
    ]);
    expect([2, 5, 11].map(left)).to.deep.equal([
      `تبقّى ${n(2)} حرفان`,
      `تبقّت ${n(5)} أحرف`,
      `تبقّى ${n(11)} حرفًا`,
    ]);
    expect([2, 5, 11, 100].map(over)).to.deep.equal([
      `${n(2)} حرفان زائدان عن الحد`,
      `${n(5)} أحرف زائدة عن الحد`,
      `${n(11)} حرفًا زائدًا عن الحد`,
      `${n(100)} حرف زائد عن الحد`,
    ]);
  });

  it('describes the unread badge in the locale’s plural form', async () => {
    describeUnread(unreadText);
    const el = await fixture<LcLauncher>(html`<lc-launcher .unread=${1}></lc-launcher>`);
    const description = () => el.shadowRoot!.getElementById('unread')!.textContent;
    expect(description()).to.equal('1 unread message');
    await applyLocale('he');
    el.unread = 2;
    expect(description()).to.equal('2 הודעות שלא נקראו');
    await applyLocale('ru');
    el.unread = 22;
    expect(description()).to.equal('22 непрочитанных сообщения');
  });

  it('isolates names and addresses inside translated sentences', async () => {
    await applyLocale('he');
    const author = {id: 'a1', username: 'ada', name: 'Ada (Support)', role: 'agent' as const};
    const list = await fixture<LcMessageList>(
      html`<lc-message-list
        .messages=${[makeMessage({type: 'uj', text: '', author})]}
      ></lc-message-list>`,
    );
    const system = list.shadowRoot!.querySelector('.system')!;
    expect(system.querySelector('bdi')!.textContent).to.equal('Ada (Support)');
    expect(system.textContent!.trim()).to.equal('Ada (Support) בשיחה עכשיו');
    const form = await fixture<LcTranscriptForm>(
      html`<lc-transcript-form email="ada@example.com"></lc-transcript-form>`,
    );
    form.submission = {status: 'sent'};
    await form.updateComplete;
    const status = form.shadowRoot!.querySelector('[role="status"]')!;
    expect(status.querySelector('bdi')!.textContent).to.equal('ada@example.com');
    expect(status.textContent!.trim()).to.equal('תמליל השיחה בדרך אל ada@example.com.');
  });
});
