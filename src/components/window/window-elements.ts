import {defineOnce} from '../../define-once.js';
import {LcAgentCard} from '../agent-card/agent-card.js';
import {LcUploadList} from '../attachments/upload-list.js';
import {LcChatMenu} from '../chat-menu/chat-menu.js';
import {LcComposer} from '../composer/composer.js';
import {LcDepartmentSwitcher} from '../department-switcher/department-switcher.js';
import {LcFinished} from '../finished/finished.js';
import {LcOfflineForm} from '../forms/offline-form.js';
import {LcRatingForm} from '../forms/rating-form.js';
import {LcRegistrationForm} from '../forms/registration-form.js';
import {LcTranscriptForm} from '../forms/transcript-form.js';
import {LcMessageList} from '../message-list/message-list.js';
import {loadMessageParts} from '../message-list/message-parts.js';
import {LcQueueBanner} from '../queue-banner/queue-banner.js';
import {LcWindow} from './window.js';

/**
 * Tag → class table of the lazily loaded window subtree (`<live-chat>` defines it in
 * live-chat-app.ts). `lc-attachment` loads later still, with the first message that has a file
 * (message-parts.ts).
 */
export const WINDOW_ELEMENTS: Record<string, CustomElementConstructor> = {
  'lc-agent-card': LcAgentCard,
  'lc-chat-menu': LcChatMenu,
  'lc-composer': LcComposer,
  'lc-department-switcher': LcDepartmentSwitcher,
  'lc-finished': LcFinished,
  'lc-message-list': LcMessageList,
  'lc-offline-form': LcOfflineForm,
  'lc-queue-banner': LcQueueBanner,
  'lc-rating-form': LcRatingForm,
  'lc-registration-form': LcRegistrationForm,
  'lc-transcript-form': LcTranscriptForm,
  'lc-upload-list': LcUploadList,
  'lc-window': LcWindow,
};

/**
 * Registers every element of the window, those it otherwise loads on demand included (markdown,
 * attachments), once all have loaded: for pages and tests that show the window's views on
 * their own.
 */
export async function defineWindowElements(): Promise<void> {
  for (const [tag, ctor] of Object.entries(WINDOW_ELEMENTS)) defineOnce(tag, ctor);
  await loadMessageParts();
}
