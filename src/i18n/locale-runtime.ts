// From its own module: the package's index would pull it into the first download.
import {configureLocalization} from '@lit/localize/init/runtime.js';
import type {LocaleModule} from '@lit/localize';
import {allLocales, sourceLocale, targetLocales} from '../generated/locale-codes.js';

/** A locale the widget ships: the source locale or one listed in locales/lit-localize.json. */
export type WidgetLocale = (typeof allLocales)[number];

type TargetLocale = (typeof targetLocales)[number];

// Static import paths, typed against targetLocales: a new target without a loader fails to
// compile, and both Vite and the test runner can map the `.js` paths to their `.ts` files.
// Each locale is a chunk of its own, loaded only when wanted.
const LOADERS: Record<TargetLocale, () => Promise<LocaleModule>> = {
  ar: () => import('../generated/locales/ar.js'),
  de: () => import('../generated/locales/de.js'),
  es: () => import('../generated/locales/es.js'),
  fr: () => import('../generated/locales/fr.js'),
  he: () => import('../generated/locales/he.js'),
  it: () => import('../generated/locales/it.js'),
  ja: () => import('../generated/locales/ja.js'),
  nl: () => import('../generated/locales/nl.js'),
  pl: () => import('../generated/locales/pl.js'),
  'pt-BR': () => import('../generated/locales/pt-BR.js'),
  ru: () => import('../generated/locales/ru.js'),
  'zh-CN': () => import('../generated/locales/zh-CN.js'),
};

const runtime = configureLocalization({
  sourceLocale,
  targetLocales,
  loadLocale: (locale) => LOADERS[locale as TargetLocale](),
});

/** The locale the widget currently renders in. */
export const getLocale = runtime.getLocale as () => WidgetLocale;

const language = (tag: string) => tag.split('-')[0];

// The shipped locale for a BCP 47 tag: the exact code, then the language alone (`pt-PT` and
// `pt` are `pt-BR`, `zh-Hans` is `zh-CN`); undefined when none ships.
function match(requested: string | null | undefined): WidgetLocale | undefined {
  const wanted = (requested ?? '').trim().replace(/_/g, '-').toLowerCase();
  return (
    allLocales.find((code) => code.toLowerCase() === wanted) ??
    allLocales.find((code) => language(code) === language(wanted))
  );
}

/**
 * Picks the shipped locale for a requested BCP 47 tag: the exact code, then the language
 * alone, then `en`.
 */
export function resolveLocale(requested: string | null | undefined): WidgetLocale {
  return match(requested) ?? sourceLocale;
}

/** Activates the first of the requested tags that resolves (else `en`), once its strings load. */
export async function switchLocale(wanted: readonly string[]): Promise<WidgetLocale> {
  const locale = wanted.map(match).find(Boolean) ?? sourceLocale;
  await runtime.setLocale(locale);
  return locale;
}
