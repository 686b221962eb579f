import {ACCEPTED_MEDIA_TYPES} from './file-types.js';
import {CHIME_PATH} from './chime.js';
import type {LivechatSettings} from './settings.js';
import {publicDepartment} from './settings.js';

/** Triggers as Rocket.Chat hands them out: enabled ones only, without admin fields. */
function publicTriggers(s: LivechatSettings) {
  return s.triggers
    .filter((t) => t.enabled !== false)
    .map(({_id, actions, conditions, runOnce}) => ({_id, actions, conditions, runOnce}));
}

/** The static part of `config` (`settings()` in Rocket.Chat's api/lib/livechat.ts). */
export function buildConfig(s: LivechatSettings): Record<string, unknown> {
  return {
    enabled: s.enabled,
    settings: {
      registrationForm: s.registrationForm,
      allowSwitchingDepartments: s.allowSwitchingDepartments,
      nameFieldRegistrationForm: s.nameFieldRegistrationForm,
      emailFieldRegistrationForm: s.emailFieldRegistrationForm,
      displayOfflineForm: s.displayOfflineForm,
      videoCall: s.videoCall,
      fileUpload: s.fileUpload,
      sneakPeek: s.sneakPeek,
      // Not in Rocket.Chat's config: the limits, so the widget can refuse a file before sending.
      fileUploadMaxFileSize: s.fileUploadMaxBytes,
      fileUploadMediaTypeWhiteList: ACCEPTED_MEDIA_TYPES,
      language: s.language,
      transcript: s.transcript,
      historyMonitorType: s.historyMonitorType,
      forceAcceptDataProcessingConsent: s.forceAcceptDataProcessingConsent,
      showConnecting: s.showConnecting || s.routing === 'manual',
      agentHiddenInfo: s.agentHiddenInfo,
      clearLocalStorageWhenChatEnded: s.clearLocalStorageWhenChatEnded,
      limitTextLength: s.limitTextLength,
    },
    theme: {
      title: s.title,
      color: s.color,
      offlineTitle: s.offlineTitle,
      offlineColor: s.offlineColor,
      position: s.position,
    },
    messages: {
      offlineMessage: s.offlineMessage,
      offlineSuccessMessage: s.offlineSuccessMessage,
      offlineUnavailableMessage: s.offlineUnavailableMessage,
      conversationFinishedMessage: s.conversationFinishedMessage,
      conversationFinishedText: s.conversationFinishedText,
      transcriptMessage: s.transcriptMessage,
      registrationFormMessage: s.registrationFormMessage,
      dataProcessingConsentText: s.dataProcessingConsentText,
    },
    survey: {items: [...s.survey.items], values: [...s.survey.values]},
    triggers: publicTriggers(s),
    departments: s.departments.map(publicDepartment),
    // Server-relative: Rocket.Chat's widget page is served by the chat server itself.
    resources: {sound: s.soundUrl || CHIME_PATH, emojis: []},
    ...(s.customFields.length > 0 ? {customFields: s.customFields} : {}),
  };
}

/**
 * The settings part of the legacy `livechat:getInitialData` result, with the names of the seed's
 * table (`getInitialData.js` in Rocket.Chat before 5.0, plus the keys it added later).
 */
export function initialDataSettings(s: LivechatSettings): Record<string, unknown> {
  return {
    enabled: s.enabled,
    title: s.title,
    color: s.color,
    registrationForm: s.registrationForm,
    triggers: publicTriggers(s),
    departments: s.departments.map(publicDepartment),
    allowSwitchingDepartments: s.allowSwitchingDepartments,
    offlineTitle: s.offlineTitle,
    offlineColor: s.offlineColor,
    offlineMessage: s.offlineMessage,
    offlineSuccessMessage: s.offlineSuccessMessage,
    offlineUnavailableMessage: s.offlineUnavailableMessage,
    displayOfflineForm: s.displayOfflineForm,
    videoCall: s.videoCall,
    fileUpload: s.fileUpload,
    conversationFinishedMessage: s.conversationFinishedMessage,
    conversationFinishedText: s.conversationFinishedText,
    nameFieldRegistrationForm: s.nameFieldRegistrationForm,
    emailFieldRegistrationForm: s.emailFieldRegistrationForm,
    registrationFormMessage: s.registrationFormMessage,
    showConnecting: s.showConnecting || s.routing === 'manual',
    language: s.language,
    transcript: s.transcript,
    transcriptMessage: s.transcriptMessage,
  };
}
