/**
 * Rocket.Chat Livechat wire shapes, as the server sends them (see
 * shared/reference/rocketchat-protocol.md). Shared by the widget and the reference server:
 * this folder imports nothing else, so the server can use it on Node.
 */

/** A date as it travels: `{$date: ms}` over DDP (EJSON), an ISO string over REST. */
export type WireDate = {$date: number} | string;

export interface RcUserRef {
  _id: string;
  username: string;
  name?: string;
}

export interface RcAttachment {
  title?: string;
  type?: string;
  description?: string;
  title_link?: string;
  title_link_download?: boolean;
  image_url?: string;
  image_type?: string;
  image_size?: number;
  audio_url?: string;
  audio_type?: string;
  audio_size?: number;
  video_url?: string;
  video_type?: string;
  video_size?: number;
  /** Rocket.Chat sets it for images when it could read their size. */
  image_dimensions?: {width?: number; height?: number};
  text?: string;
  message_link?: string;
}

export interface RcFileRef {
  _id: string;
  name: string;
  type: string;
}

export interface RcMessage {
  _id: string;
  rid: string;
  msg: string;
  ts: WireDate;
  u: RcUserRef;
  _updatedAt?: WireDate;
  /** System message type: 'livechat-close', 'command', 'uj', 'ul', 'livechat-started', … */
  t?: string;
  token?: string;
  alias?: string;
  groupable?: boolean;
  editedAt?: WireDate;
  editedBy?: RcUserRef;
  file?: RcFileRef;
  files?: RcFileRef[];
  attachments?: RcAttachment[];
  fileUpload?: {publicFilePath: string; type: string; size: number};
  transcriptRequested?: boolean;
  /** Only on `sendMessageLivechat` results. */
  newRoom?: boolean;
  showConnecting?: boolean;
}

export interface RcVisitor {
  _id: string;
  token: string;
  username: string;
  name?: string;
  visitorEmails?: {address: string}[];
  department?: string;
  phone?: {phoneNumber: string}[];
  ts?: WireDate;
  livechatData?: Record<string, string>;
}

export interface RcRoom {
  _id: string;
  t: 'l';
  open?: boolean;
  /** Rocket.Chat sets `closedAt` once the room is closed. */
  closedAt?: WireDate;
  ts?: WireDate;
  fname?: string;
  msgs?: number;
  v: {_id: string; token: string; username: string; status?: string};
  servedBy?: {_id: string; username: string; ts?: WireDate};
  departmentId?: string;
  source?: {type: string};
  waitingResponse?: boolean;
  /** The reference server's addition: the agent has read the messages before this time. */
  agentReadUntil?: WireDate;
}

export interface RcAgent {
  _id: string;
  username: string;
  name?: string;
  status?: 'online' | 'away' | 'busy' | 'offline';
  emails?: {address: string; verified?: boolean}[];
  phone?: {phoneNumber: string}[];
  customFields?: Record<string, unknown>;
  livechat?: Record<string, unknown>;
  /** Present (and nothing else) when the server hides agent info. */
  hiddenInfo?: true;
}

export interface RcDepartment {
  _id: string;
  name: string;
  showOnRegistration: boolean;
  showOnOfflineForm: boolean;
}

export interface RcCustomField {
  _id: string;
  label: string;
  regexp?: string;
  required?: boolean;
  type?: 'input' | 'select';
  defaultValue?: string;
  options?: string;
  scope?: 'visitor' | 'room';
  visibility?: string;
}

export interface RcTrigger {
  _id: string;
  name?: string;
  enabled?: boolean;
  runOnce: boolean;
  conditions: {
    name: 'page-url' | 'time-on-site' | 'chat-opened-by-visitor' | 'after-guest-registration';
    value?: string | number;
  }[];
  actions: {
    name: 'send-message' | 'use-external-service';
    params?: {sender?: 'queue' | 'custom'; name?: string; msg?: string};
  }[];
}

export interface RcConfigSettings {
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
  limitTextLength: number | false;
  forceAcceptDataProcessingConsent?: boolean;
  hiddenSystemMessages?: string[];
  /** The reference server's addition: agents may see the visitor's draft (sneak peek). */
  sneakPeek?: boolean;
  [key: string]: unknown;
}

export interface RcConfig {
  enabled: boolean;
  settings: RcConfigSettings;
  theme: {
    title: string;
    color: string;
    offlineTitle: string;
    offlineColor: string;
    position?: 'left' | 'right';
    [key: string]: unknown;
  };
  messages: {
    offlineMessage: string;
    offlineSuccessMessage: string;
    offlineUnavailableMessage: string;
    conversationFinishedMessage: string;
    conversationFinishedText: string;
    transcriptMessage: string;
    registrationFormMessage: string;
    dataProcessingConsentText?: string;
    [key: string]: unknown;
  };
  survey: {items: string[]; values: string[]};
  triggers: RcTrigger[];
  departments: RcDepartment[];
  resources: {sound?: string; emojis?: unknown[]};
  online: boolean;
  customFields?: RcCustomField[];
  guest?: RcVisitor;
  room?: RcRoom;
  agent?: RcAgent;
  queueInfo?: {spot: number; estimatedWaitTimeSeconds?: number};
}

/** `GET livechat/config` when the service is switched off. */
export interface RcDisabledConfig {
  enabled: false;
}

/** Both error bodies Rocket.Chat answers with, always under HTTP 400 (or 401/403/429). */
export type RcErrorBody =
  | {success: false; error: string}
  | {success: false; error: string; errorType: string; details?: unknown};

/** Events on `stream-livechat-room` (args[0]). */
export type RcLivechatRoomEvent =
  | {type: 'agentData'; data: RcAgent}
  | {type: 'agentStatus'; status: string}
  | {type: 'queueData'; data: {spot: number; message?: unknown; estimatedWaitTimeSeconds?: number}}
  | {type: 'visitorData'; visitor: RcVisitor};
