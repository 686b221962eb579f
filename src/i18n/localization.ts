import type {WidgetLocale} from './locale-runtime.js';

type LocaleRuntime = typeof import('./locale-runtime.js');

// Languages written right to left (ISO 639 codes), so the widget can mirror its layout.
const RTL_LANGUAGES = /^(ar|ckb|dv|fa|he|ps|sd|ug|ur|yi)(-|$)/i;

// lit-localize's runtime, the loader table and the locale list are a chunk of their own
// (./locale-runtime.ts): until a page wants another language, `msg()` renders the English
// source as it is, and the first download carries none of it.
let runtimeLoad: Promise<LocaleRuntime> | null = null;
let runtime: LocaleRuntime | null = null;

// The source locale (locales/lit-localize.json), written here rather than imported: the
// generated list of locales beside it belongs in the runtime's chunk, not the first download.
const SOURCE_LOCALE = 'en';
// An English request while nothing else was ever loaded needs no download at all.
const ENGLISH = /^en([-_]|$)/i;

/** The locale the widget currently renders in. */
export const getLocale = (): WidgetLocale => runtime?.getLocale() ?? SOURCE_LOCALE;

/**
 * Activates the first of these that the widget ships: the `lang` attribute, the server's
 * language (`config.settings.language`), `<html lang>`, the browser's languages; else `en`.
 * Resolves with the locale once its strings are loaded.
 */
export async function applyLocale(
  requested: string | null | undefined,
  serverLanguage?: string,
): Promise<WidgetLocale> {
  const wanted = [requested, serverLanguage, document.documentElement.lang, ...navigator.languages];
  const tags = wanted.filter((tag): tag is string => Boolean(tag));
  if (!runtimeLoad && ENGLISH.test(tags[0] ?? 'en')) return SOURCE_LOCALE;
  // A failed download is tried again on the next request (a later `lang`, the server's config).
  runtimeLoad ??= import('./locale-runtime.js').catch((error: unknown) => {
    runtimeLoad = null;
    throw error;
  });
  runtime = await runtimeLoad;
  return runtime.switchLocale(tags);
}

/** Whether a locale is written right to left. */
export function isRtlLocale(locale: string): boolean {
  return RTL_LANGUAGES.test(locale);
}
