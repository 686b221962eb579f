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
import {LcQueueBanner} from '../queue-banner/queue-banner.js';
import {LcWindow} from './window.js';

/**
 * Tag → class table of the lazily loaded window subtree (see `defineWindowElements()`);
 * `lc-attachment` loads later still, with the first message that has a file (message-parts.ts).
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
