import type {RcConfig} from '../../src/core/index.js';

type ConfigOverrides = Partial<Omit<RcConfig, 'settings' | 'messages' | 'theme'>> & {
  settings?: Partial<RcConfig['settings']>;
  messages?: Partial<RcConfig['messages']>;
  theme?: Partial<RcConfig['theme']>;
};

/** A `livechat/config` as the reference server sends it; nested parts can be overridden. */
export function makeConfig(overrides: ConfigOverrides = {}): RcConfig {
  const {settings, messages, theme, ...rest} = overrides;
  return {
    enabled: true,
    online: true,
    settings: {
      registrationForm: true,
      nameFieldRegistrationForm: true,
      emailFieldRegistrationForm: true,
      displayOfflineForm: true,
      allowSwitchingDepartments: false,
      fileUpload: false,
      transcript: false,
      showConnecting: false,
      agentHiddenInfo: false,
      clearLocalStorageWhenChatEnded: false,
      limitTextLength: false,
      ...settings,
    },
    theme: {
      title: 'Kettle & Crank',
      color: '#2563eb',
      offlineTitle: 'Leave a message',
      offlineColor: '#666666',
      ...theme,
    },
    messages: {
      offlineMessage: '',
      offlineSuccessMessage: '',
      offlineUnavailableMessage: '',
      conversationFinishedMessage: '',
      conversationFinishedText: '',
      transcriptMessage: '',
      registrationFormMessage: '',
      ...messages,
    },
    survey: {items: [], values: ['1', '2', '3', '4', '5']},
    triggers: [],
    departments: [],
    resources: {},
    ...rest,
  };
}

/** Two departments shown on both forms and one shown nowhere. */
export const DEPARTMENTS: RcConfig['departments'] = [
  {_id: 'd-sales', name: 'Sales', showOnRegistration: true, showOnOfflineForm: true},
  {_id: 'd-repair', name: 'Repairs', showOnRegistration: true, showOnOfflineForm: false},
  {_id: 'd-internal', name: 'Internal', showOnRegistration: false, showOnOfflineForm: false},
];
