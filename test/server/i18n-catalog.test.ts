import assert from 'node:assert/strict';
import {existsSync, readFileSync} from 'node:fs';
import {describe, it} from 'node:test';
import {readConfigFileAndWriteSchema} from '@lit/localize-tools/lib/config.js';
import type {Message} from '@lit/localize-tools/lib/messages.js';
import {RuntimeLitLocalizer} from '@lit/localize-tools/lib/modes/runtime.js';

// The widget's catalogue as lit-localize sees it: the msg() calls of the source (what
// `npm run i18n:extract` writes) and each locale's XLIFF. A string without a translation
// would show in English in the middle of another language.
const config = readConfigFileAndWriteSchema('locales/lit-localize.json');
const localizer = new RuntimeLitLocalizer(
  config as ConstructorParameters<typeof RuntimeLitLocalizer>[0],
);
const {messages: sources, errors} = localizer.extractSourceMessages();
const {translations} = localizer.readTranslationsSync();
const loaders = readFileSync('src/i18n/locale-runtime.ts', 'utf8');

const text = (message: Message) =>
  message.contents.map((part) => (typeof part === 'string' ? part : '')).join('');
const placeholders = (message: Message) =>
  message.contents
    .flatMap((part) => (typeof part === 'string' ? [] : [part.untranslatable]))
    .sort();

describe('translations', () => {
  it('extracts every msg() of the widget with an id', () => {
    assert.deepEqual(
      errors.map((error) => error.messageText),
      [],
    );
    assert.ok(sources.length >= 80, `only ${sources.length} messages found`);
  });

  for (const locale of config.targetLocales) {
    it(`${locale}: translates every string, with the source's placeholders`, () => {
      assert.ok(
        existsSync(`locales/xliff/${locale}.xlf`),
        `locales/xliff/${locale}.xlf is missing`,
      );
      const translated = new Map((translations.get(locale) ?? []).map((m) => [m.name, m]));
      const problems: string[] = [];
      for (const source of sources) {
        const target = translated.get(source.name);
        if (!target || text(target).trim() === '') {
          problems.push(`${source.name}: no <target>`);
        } else if (placeholders(target).join() !== placeholders(source).join()) {
          problems.push(
            `${source.name}: placeholders ${placeholders(target)} ≠ ${placeholders(source)}`,
          );
        }
      }
      assert.deepEqual(problems, [], `run npm run i18n:extract, then fill ${locale}.xlf`);
    });

    it(`${locale}: has a loader and a built module with every string`, () => {
      const path = `../generated/locales/${locale}.js`;
      assert.ok(
        loaders.includes(`import('${path}')`),
        `no loader for ${locale} in src/i18n/locale-runtime.ts`,
      );
      const built = readFileSync(`src/generated/locales/${locale}.ts`, 'utf8');
      const stale = sources.filter((source) => !built.includes(`'${source.name}':`));
      assert.deepEqual(
        stale.map((s) => s.name),
        [],
        'run npm run i18n:build',
      );
    });
  }

  it('ships a translation of every plural category for each count message', () => {
    const categories = ['zero', 'one', 'two', 'few', 'many', 'other'];
    const ids = new Set(sources.map((source) => source.name));
    const plurals = new Set(
      [...ids]
        .filter((id) => categories.some((c) => id.endsWith(`.${c}`)))
        .map((id) => id.replace(/\.[a-z]+$/, '')),
    );
    assert.ok(plurals.size >= 3, 'the unread badge and the character counters are plural messages');
    for (const base of plurals) {
      for (const category of categories)
        assert.ok(ids.has(`${base}.${category}`), `${base}.${category}`);
    }
  });
});
