import type {RcCustomField, RcDepartment, RcTrigger} from '../../core/protocol/index.js';
import {MESSAGE_MAX_CODE_POINTS} from '../../core/protocol/index.js';

/** A department as the server is configured with it; `agents` never leaves the server. */
export interface DepartmentSettings extends RcDepartment {
  /** Usernames of the agents who take this department's chats; empty or absent: every agent. */
  agents?: string[];
}

/** How new chats reach agents (Rocket.Chat's `Livechat_Routing_Method`). */
export type RoutingMode = 'auto' | 'manual';

/** The rating form of `config.survey`. */
export interface SurveySettings {
  items: string[];
  values: string[];
}

import type {OpeningTime, Weekday} from '../../core/protocol/index.js';

export {WEEKDAYS, type Weekday} from '../../core/protocol/index.js';

/**
 * Opening hours (Rocket.Chat's `Livechat_enable_business_hours`): outside them `config.online`
 * is false and new chats are refused, so the widget shows the offline form. A day left out or
 * `null` is closed; times are `HH:MM` in `timeZone` (IANA), `close` after `open`.
 */
export interface BusinessHours {
  enabled: boolean;
  timeZone: string;
  days: Partial<Record<Weekday, OpeningTime | null>>;
}

/**
 * The livechat configuration of the reference server, flat, as Rocket.Chat keeps it in settings
 * (`Livechat_title`, `Livechat_registration_form`, …). `config-view.ts` shapes it into the
 * `GET livechat/config` answer and the legacy `livechat:getInitialData` result.
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
  /** Agents see the visitor's draft while they type (this server's addition, `sneakPeek`). */
  sneakPeek: boolean;
  /** Largest upload in bytes (Rocket.Chat's `FileUpload_MaxFileSize`). */
  fileUploadMaxBytes: number;
  /** Bytes of stored uploads one room may hold; 0: no quota. */
  fileUploadRoomQuotaBytes: number;
  /** Bytes all stored uploads may take together, so uploads cannot fill the disk; 0: no cap. */
  fileUploadTotalQuotaBytes: number;
  /** Upload bytes one client address may store per hour; 0: no limit. */
  fileUploadAddressBytesPerHour: number;
  /** Files of chats closed more than this many days ago are deleted; 0: kept forever. */
  fileUploadRetentionDays: number;
  /** Chats closed more than this many days ago are deleted, visitor and files too; 0: kept. */
  chatRetentionDays: number;
  /**
   * Open chats whose last message is an agent's, unanswered this many minutes, are closed
   * (Rocket.Chat's `Livechat_visitor_inactivity_timeout` with `Livechat_abandoned_rooms_action`
   * = close); 0: never.
   */
  visitorInactivityCloseMinutes: number;
  /**
   * The comment of that close, which the widget shows as the closing line
   * (`Livechat_abandoned_rooms_closed_custom_message`); `{minutes}` is replaced.
   */
  visitorInactivityCloseMessage: string;
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
  /** A visitor may edit their own messages (`Message_AllowEditing`). */
  messageEditing: boolean;
  /** A visitor may delete their own messages (`Message_AllowDeleting`). */
  messageDeleting: boolean;
  offlineMessage: string;
  offlineSuccessMessage: string;
  offlineUnavailableMessage: string;
  conversationFinishedMessage: string;
  conversationFinishedText: string;
  transcriptMessage: string;
  registrationFormMessage: string;
  dataProcessingConsentText: string;
  /** Sent with `queueData` while a chat waits (`Livechat_waiting_queue_message`). */
  queueMessage: string;
  /**
   * Seconds of wait per place in line while no served chat of the department has been measured
   * yet; 0: send no estimate until one has.
   */
  queueWaitDefaultSeconds: number;
  /**
   * How many of the latest served queue waits the estimate averages (Rocket.Chat's
   * `Livechat_number_most_recent_chats_estimate_wait_time`).
   */
  queueWaitSampleSize: number;
  /** `auto`: the least busy available agent; `manual`: chats wait until an agent takes them. */
  routing: RoutingMode;
  /** Open chats per agent before new ones wait in the queue; 0: no limit. */
  maxChatsPerAgent: number;
  survey: SurveySettings;
  departments: DepartmentSettings[];
  triggers: RcTrigger[];
  customFields: RcCustomField[];
  /** Absolute URL of the new-message sound; left out of the config when empty. */
  soundUrl: string;
  /** SMTP server (`smtp://user:pass@host:587`); empty: mail goes to `<data>/mail/*.eml`. */
  smtpUrl: string;
  /** Sender of transcripts and offline-message mail. */
  mailFrom: string;
  /** Where offline messages are mailed (Rocket.Chat's `Livechat_offline_email`); empty: nowhere. */
  offlineEmail: string;
  businessHours: BusinessHours;
}

/** The longest `fileUploadRetentionDays` and `chatRetentionDays` (100 years): a typo must not overflow the date math. */
export const MAX_RETENTION_DAYS = 36_500;

/** The longest `visitorInactivityCloseMinutes` (a year): a typo must not overflow the date math. */
export const MAX_INACTIVITY_CLOSE_MINUTES = 525_600;

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
  fileUpload: true,
  sneakPeek: true,
  fileUploadMaxBytes: 10 * 1024 * 1024,
  // Room: 20 files at the size limit, or some 60 phone photos of 3 MB, per chat. Total: well
  // under the 20-25 GB disk of a small VPS. Address: some 170 such photos an hour for a busy
  // office behind one NAT, yet one address needs 10 hours to fill the total.
  fileUploadRoomQuotaBytes: 200 * 1024 * 1024,
  fileUploadTotalQuotaBytes: 5 * 1024 * 1024 * 1024,
  fileUploadAddressBytesPerHour: 500 * 1024 * 1024,
  // Off, as Rocket.Chat's retention policy: deleting what people sent is the operator's choice.
  fileUploadRetentionDays: 0,
  chatRetentionDays: 0,
  // Off, as in Rocket.Chat (`Livechat_abandoned_rooms_action` = none).
  visitorInactivityCloseMinutes: 0,
  visitorInactivityCloseMessage: 'Closed after {minutes} minutes without an answer from you.',
  transcript: false,
  showConnecting: false,
  agentHiddenInfo: false,
  clearLocalStorageWhenChatEnded: false,
  limitTextLength: MESSAGE_MAX_CODE_POINTS,
  language: '',
  historyMonitorType: 'url',
  forceAcceptDataProcessingConsent: false,
  videoCall: false,
  messageEditing: true,
  messageDeleting: true,
  offlineMessage: 'We are not online right now. Please leave us a message.',
  offlineSuccessMessage: '',
  offlineUnavailableMessage: '',
  conversationFinishedMessage: 'Conversation finished',
  conversationFinishedText: '',
  transcriptMessage: 'Would you like a copy of this chat emailed?',
  registrationFormMessage: '',
  dataProcessingConsentText: '',
  queueMessage: '',
  queueWaitDefaultSeconds: 60,
  queueWaitSampleSize: 100,
  routing: 'auto',
  maxChatsPerAgent: 0,
  survey: {
    items: ['satisfaction', 'agentKnowledge', 'agentResposiveness', 'agentFriendliness'],
    values: ['1', '2', '3', '4', '5'],
  },
  departments: [],
  triggers: [],
  customFields: [],
  soundUrl: '',
  smtpUrl: '',
  mailFrom: 'live-chat <no-reply@localhost>',
  offlineEmail: '',
  businessHours: {enabled: false, timeZone: 'UTC', days: {}},
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

/** A configured department by id (or name, as Rocket.Chat's `findOneByIdOrName`). */
export function findDepartment(
  settings: LivechatSettings,
  idOrName: string | undefined,
): DepartmentSettings | undefined {
  if (!idOrName) return undefined;
  return (
    settings.departments.find((d) => d._id === idOrName) ??
    settings.departments.find((d) => d.name === idOrName)
  );
}

/** The department as visitors see it: the agent list stays on the server. */
export function publicDepartment(department: DepartmentSettings): RcDepartment {
  const {agents: _agents, ...rest} = department;
  return rest;
}
