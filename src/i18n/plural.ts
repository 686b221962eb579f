import {getLocale} from './localization.js';

/**
 * One message per CLDR plural category, each a `msg()` with its own id (`<id>.one`, `<id>.few`,
 * …): English needs only `one` and `other`, but Russian and Polish tell one/few/many apart,
 * Hebrew one/two/other and Arabic all six, so every shipped locale gets its own forms.
 */
export type PluralForms = Record<Intl.LDMLPluralRule, () => string>;

/** The message of the plural category the current locale uses for `count`. */
export function plural(count: number, forms: PluralForms): string {
  return forms[new Intl.PluralRules(getLocale()).select(count)]();
}
