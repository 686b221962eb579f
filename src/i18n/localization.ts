import {configureLocalization} from '@lit/localize';
import type {LocaleModule} from '@lit/localize';
import {allLocales, sourceLocale, targetLocales} from '../generated/locale-codes.js';

/** A locale the widget ships: the source locale or one listed in locales/lit-localize.json. */
export type WidgetLocale = (typeof allLocales)[number];

type TargetLocale = (typeof targetLocales)[number];

// Static import paths, typed against targetLocales: a new target without a loader fails to
// compile, and both Vite and the test runner can map the `.js` paths to their `.ts` files.
const LOADERS: Record<TargetLocale, () => Promise<LocaleModule>> = {
  ar: () => import('../generated/locales/ar.js'),
  de: () => import('../generated/locales/de.js'),
};

// Languages written right to left (ISO 639 codes), so the widget can mirror its layout.
const RTL_LANGUAGES = new Set(['ar', 'ckb', 'dv', 'fa', 'he', 'ps', 'sd', 'ug', 'ur', 'yi']);

const runtime = configureLocalization({
  sourceLocale,
  targetLocales,
  loadLocale: (locale) => LOADERS[locale as TargetLocale](),
});

/** The locale the widget currently renders in. */
export const getLocale = runtime.getLocale as () => WidgetLocale;

/**
 * Picks the shipped locale for a requested BCP 47 tag: the exact code, then the language
 * alone, then `en`.
 */
export function resolveLocale(requested: string | null | undefined): WidgetLocale {
  const wanted = (requested ?? '').trim().replace(/_/g, '-').toLowerCase();
  const shipped = allLocales as readonly string[];
  const exact = shipped.find((code) => code.toLowerCase() === wanted);
  if (exact) return exact as WidgetLocale;
  const language = wanted.split('-')[0];
  const byLanguage = shipped.find((code) => code.toLowerCase() === language);
  return (byLanguage ?? sourceLocale) as WidgetLocale;
}

/**
 * Resolves and activates the locale for a request (the `lang` attribute, else `<html lang>`,
 * else the browser's languages); resolves with the locale once its strings are loaded.
 */
export async function applyLocale(requested: string | null | undefined): Promise<WidgetLocale> {
  const locale = resolveLocale(requested || document.documentElement.lang || navigator.language);
  await runtime.setLocale(locale);
  return locale;
}

/** Whether a locale is written right to left. */
export function isRtlLocale(locale: string): boolean {
  return RTL_LANGUAGES.has(locale.split('-')[0].toLowerCase());
}
