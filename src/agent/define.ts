import {LcAgentApp} from './agent-app.js';
import {LcAgentAvatar} from './avatar-picker.js';
import {LcAgentCannedDialog} from './canned-dialog.js';
import {LcAgentChats} from './chats-view.js';
import {LcAgentComposer} from './composer.js';
import {LcAgentConfirmDialog} from './confirm-dialog.js';
import {LcAgentConversation} from './conversation.js';
import {LcAgentHistoryChat} from './history-chat.js';
import {LcAgentHistory} from './history-view.js';
import {LcAgentLogin} from './login-form.js';
import {LcAgentMoreMenu} from './more-menu.js';
import {LcAgentOffline} from './offline-view.js';
import {LcAgentQueue} from './queue-view.js';
import {LcAgentRoomList} from './room-list.js';
import {LcAgentShortcutsDialog} from './shortcuts-dialog.js';
import {LcAgentSettings} from './settings-view.js';
import {LcAgentTagInput} from './tag-input.js';
import {LcAgentTransferDialog} from './transfer-dialog.js';
import {LcAgentVisitorPanel} from './visitor-panel.js';

const TAGS: Record<string, CustomElementConstructor> = {
  'lc-agent-app': LcAgentApp,
  'lc-agent-avatar': LcAgentAvatar,
  'lc-agent-canned-dialog': LcAgentCannedDialog,
  'lc-agent-chats': LcAgentChats,
  'lc-agent-composer': LcAgentComposer,
  'lc-agent-confirm-dialog': LcAgentConfirmDialog,
  'lc-agent-conversation': LcAgentConversation,
  'lc-agent-history': LcAgentHistory,
  'lc-agent-history-chat': LcAgentHistoryChat,
  'lc-agent-login': LcAgentLogin,
  'lc-agent-more-menu': LcAgentMoreMenu,
  'lc-agent-offline': LcAgentOffline,
  'lc-agent-queue': LcAgentQueue,
  'lc-agent-room-list': LcAgentRoomList,
  'lc-agent-shortcuts-dialog': LcAgentShortcutsDialog,
  'lc-agent-settings': LcAgentSettings,
  'lc-agent-tag-input': LcAgentTagInput,
  'lc-agent-transfer-dialog': LcAgentTransferDialog,
  'lc-agent-visitor-panel': LcAgentVisitorPanel,
};

/** Registers every console element, skipping tags that already exist. */
export function defineAgentElements(): void {
  for (const [tag, ctor] of Object.entries(TAGS)) {
    if (!customElements.get(tag)) customElements.define(tag, ctor);
  }
}
