import {LcComposer} from '../composer/composer.js';
import {LcMessageList} from '../message-list/message-list.js';
import {LcWindow} from './window.js';

/** Tag → class table of the lazily loaded window subtree (see `defineWindowElements()`). */
export const WINDOW_ELEMENTS: Record<string, CustomElementConstructor> = {
  'lc-composer': LcComposer,
  'lc-message-list': LcMessageList,
  'lc-window': LcWindow,
};
