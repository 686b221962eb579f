import {msg, str} from '@lit/localize';
import {plural} from '../../i18n/plural.js';

/** The unread badge's accessible description, in the locale's plural form for the count. */
export const unreadText = (unread: number, count: string): string =>
  plural(unread, {
    zero: () =>
      msg(str`${count} unread messages`, {
        id: 'launcher.unread.zero',
        desc: 'Unread badge, accessible description; plural category "zero". Value: the count.',
      }),
    one: () =>
      msg(str`${count} unread message`, {
        id: 'launcher.unread.one',
        desc: 'Unread badge, accessible description; plural category "one". Value: the count.',
      }),
    two: () =>
      msg(str`${count} unread messages`, {
        id: 'launcher.unread.two',
        desc: 'Unread badge, accessible description; plural category "two". Value: the count.',
      }),
    few: () =>
      msg(str`${count} unread messages`, {
        id: 'launcher.unread.few',
        desc: 'Unread badge, accessible description; plural category "few". Value: the count.',
      }),
    many: () =>
      msg(str`${count} unread messages`, {
        id: 'launcher.unread.many',
        desc: 'Unread badge, accessible description; plural category "many". Value: the count.',
      }),
    other: () =>
      msg(str`${count} unread messages`, {
        id: 'launcher.unread.other',
        desc: 'Unread badge, accessible description; plural category "other". Value: the count.',
      }),
  });
