import {msg, str} from '@lit/localize';
import {plural} from '../../i18n/plural.js';

/** The counter near the length limit: the characters still allowed, in the locale's plural form. */
export const charactersLeft = (count: number, number: string): string =>
  plural(count, {
    zero: () =>
      msg(str`${number} characters left`, {
        id: 'composer.counter-left.zero',
        desc: 'Shown near the length limit; plural category "zero". Value: the number.',
      }),
    one: () =>
      msg(str`${number} character left`, {
        id: 'composer.counter-left.one',
        desc: 'Shown near the length limit; plural category "one". Value: the number.',
      }),
    two: () =>
      msg(str`${number} characters left`, {
        id: 'composer.counter-left.two',
        desc: 'Shown near the length limit; plural category "two". Value: the number.',
      }),
    few: () =>
      msg(str`${number} characters left`, {
        id: 'composer.counter-left.few',
        desc: 'Shown near the length limit; plural category "few". Value: the number.',
      }),
    many: () =>
      msg(str`${number} characters left`, {
        id: 'composer.counter-left.many',
        desc: 'Shown near the length limit; plural category "many". Value: the number.',
      }),
    other: () =>
      msg(str`${number} characters left`, {
        id: 'composer.counter-left.other',
        desc: 'Shown near the length limit; plural category "other". Value: the number.',
      }),
  });

/** The counter past the length limit: the characters to remove, in the locale's plural form. */
export const charactersOver = (count: number, number: string): string =>
  plural(count, {
    zero: () =>
      msg(str`${number} characters over the limit`, {
        id: 'composer.counter-over.zero',
        desc: 'Shown past the length limit; plural category "zero". Value: the number.',
      }),
    one: () =>
      msg(str`${number} character over the limit`, {
        id: 'composer.counter-over.one',
        desc: 'Shown past the length limit; plural category "one". Value: the number.',
      }),
    two: () =>
      msg(str`${number} characters over the limit`, {
        id: 'composer.counter-over.two',
        desc: 'Shown past the length limit; plural category "two". Value: the number.',
      }),
    few: () =>
      msg(str`${number} characters over the limit`, {
        id: 'composer.counter-over.few',
        desc: 'Shown past the length limit; plural category "few". Value: the number.',
      }),
    many: () =>
      msg(str`${number} characters over the limit`, {
        id: 'composer.counter-over.many',
        desc: 'Shown past the length limit; plural category "many". Value: the number.',
      }),
    other: () =>
      msg(str`${number} characters over the limit`, {
        id: 'composer.counter-over.other',
        desc: 'Shown past the length limit; plural category "other". Value: the number.',
      }),
  });
