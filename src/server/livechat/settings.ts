import type {
  RcCustomField,
  RcDepartment,
  RcTrigger,
} from '../../core/protocol/index.js';
import {MESSAGE_MAX_CODE_POINTS} from '../../core/protocol/index.js';

/**
 * The livechat configuration of the reference server, flat, as Rocket.Chat keeps it in settings
 * (`Livechat_title`, `Livechat_registration_form`, …). `buildConfig()` shapes it into the
 * `GET livechat/config` answer.
 */
export interface LivechatSettings {
  enabled: boolean;
  title: string;
  color: string;
  offlineTitle: string;
  offlineColor: string;
  position: 'left' | 'right';
  registrationForm: boolean;
  nameFieldRegistrationForm: boolean;
  emailFieldRegistrationForm: boolean;
  displayOfflineForm: boolean;
  allowSwitchingDepartments: boolean;
  fileUpload: boolean;
  transcript: boolean;
  showConnecting: boolean;
  agentHiddenInfo: boolean;
  clearLocalStorageWhenChatEnded: boolean;
  /** Code points; never above MESSAGE_MAX_CODE_POINTS, which the server always enforces. */
  limitTextLength: number | false;
  language: string;
  historyMonitorType: string;
  forceAcceptDataProcessingConsent: boolean;
  videoCall: boolean;
  offlineMessage: string;
  offlineSuccessMessage: string;
  offlineUnavailableMessage: string;
  conversationFinishedMessage: string;
  conversationFinishedText: string;
  transcriptMessage: string;
  registrationFormMessage: string;
  dataProcessingConsentText: string;
  departments: RcDepartment[];
  triggers: RcTrigger[];
  customFields: RcCustomField[];
  /** Absolute URL of the new-message sound; left out of the config when empty. */
  soundUrl: string;
}

/** Rocket.Chat's defaults, where it has one. */
export const DEFAULT_SETTINGS: LivechatSettings = {
  enabled: true,
  title: 'Live chat',
  color: '#2563eb',
  offlineTitle: 'Leave a message',
  offlineColor: '#666666',
  position: 'right',
  registrationForm: true,
  nameFieldRegistrationForm: true,
  emailFieldRegistrationForm: true,
  displayOfflineForm: true,
  allowSwitchingDepartments: true,
  fileUpload: false,
  transcript: false,
  showConnecting: false,
  agentHiddenInfo: false,
  clearLocalStorageWhenChatEnded: false,
  limitTextLength: MESSAGE_MAX_CODE_POINTS,
  language: '',
  historyMonitorType: 'url',
  forceAcceptDataProcessingConsent: false,
  videoCall: false,
  offlineMessage: 'We are not online right now. Please leave us a message.',
  offlineSuccessMessage: '',
  offlineUnavailableMessage: '',
  conversationFinishedMessage: 'Conversation finished',
  conversationFinishedText: '',
  transcriptMessage: 'Would you like a copy of this chat emailed?',
  registrationFormMessage: '',
  dataProcessingConsentText: '',
  departments: [],
  triggers: [],
  customFields: [],
  soundUrl: '',
};

/** Defaults merged with the overrides a server was started with. */
export function resolveSettings(overrides: Partial<LivechatSettings> = {}): LivechatSettings {
  return {...DEFAULT_SETTINGS, ...overrides};
}

/** The largest message the server accepts, in code points. */
export function messageLimit(settings: LivechatSettings): number {
  const limit = settings.limitTextLength;
  return typeof limit === 'number' && limit > 0
    ? Math.min(limit, MESSAGE_MAX_CODE_POINTS)
    : MESSAGE_MAX_CODE_POINTS;
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
      language: s.language,
      transcript: s.transcript,
      historyMonitorType: s.historyMonitorType,
      forceAcceptDataProcessingConsent: s.forceAcceptDataProcessingConsent,
      showConnecting: s.showConnecting,
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
    survey: {
      items: ['satisfaction', 'agentKnowledge', 'agentResposiveness', 'agentFriendliness'],
      values: ['1', '2', '3', '4', '5'],
    },
    triggers: s.triggers,
    departments: s.departments,
    resources: {...(s.soundUrl ? {sound: s.soundUrl} : {}), emojis: []},
    ...(s.customFields.length > 0 ? {customFields: s.customFields} : {}),
  };
}
