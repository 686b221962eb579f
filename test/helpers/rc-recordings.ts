/**
 * Rocket.Chat frames and REST bodies as recorded in shared/reference/rocketchat-protocol.md
 * (§1, §2.2, §3.2–3.4, §6), quirks included. Ids and tokens are the reference's own; tests
 * rewrite `rid` to their room with `inRoom()`.
 */

export const RC_RID = 'kCJDd5peKiZnGJLPq';
export const RC_AGENT = {
  _id: 'XycfA5CetCPuEjqxw',
  username: 'livechat.agent',
  name: 'Livechat Agent',
};

/** §1: Meteor's greeting has no `msg` at all; the EE ddp-streamer's has `msg: 'server_id'`. */
export const GREETING_METEOR = {server_id: '0'};
export const GREETING_STREAMER = {msg: 'server_id', server_id: '0'};

/** §3.2: an agent's text message over DDP (EJSON `{$date}`). */
export const AGENT_TEXT = {
  _id: 'SgrsSm3HNGrG5xTmk',
  rid: RC_RID,
  msg: 'Hi, how can I help?',
  ts: {$date: 1625862058755},
  u: RC_AGENT,
  _updatedAt: {$date: 1625862058896},
  urls: [],
  mentions: [],
  channels: [],
  md: [{type: 'PARAGRAPH', value: [{type: 'PLAIN_TEXT', value: 'Hi, how can I help?'}]}],
};

/** The same message edited: same `_id`, new text, `editedAt` and `editedBy`. */
export const AGENT_TEXT_EDITED = {
  ...AGENT_TEXT,
  msg: 'Hi, how may I help?',
  editedAt: {$date: 1625862070000},
  editedBy: {_id: RC_AGENT._id, username: RC_AGENT.username},
  _updatedAt: {$date: 1625862070001},
};

/** An agent message as REST sends it (history): ISO dates. */
export const AGENT_TEXT_REST = {
  ...AGENT_TEXT,
  _id: 'HistoryAgentMsg01',
  msg: 'From the history',
  ts: '2021-07-09T20:20:50.000Z',
  _updatedAt: '2021-07-09T20:20:50.100Z',
};

/** The system messages of §3.2, with the fields Rocket.Chat sets. */
export const LIVECHAT_STARTED = {
  _id: 'StartedMessage001',
  rid: RC_RID,
  msg: '',
  t: 'livechat-started',
  groupable: false,
  ts: {$date: 1625862000000},
  u: {_id: 'G3DukvFBhDkDnw6uS', username: 'guest-1'},
};
export const COMMAND_CONNECTED = {
  _id: 'CommandConnected1',
  rid: RC_RID,
  msg: 'connected',
  t: 'command',
  ts: {$date: 1625862050000},
  u: RC_AGENT,
};
export const USER_JOINED = {
  _id: 'UserJoinedAgent01',
  rid: RC_RID,
  msg: '',
  t: 'uj',
  ts: {$date: 1625862050001},
  u: RC_AGENT,
};
export const USER_LEFT = {
  _id: 'UserLeftAgent0001',
  rid: RC_RID,
  msg: '',
  t: 'ul',
  ts: {$date: 1625862090000},
  u: RC_AGENT,
};
export const TRANSFER_HISTORY = {
  _id: 'TransferHistory01',
  rid: RC_RID,
  msg: '',
  t: 'livechat_transfer_history',
  ts: {$date: 1625862080000},
  u: RC_AGENT,
  transferData: {scope: 'department', comment: '', nextDepartment: {_id: 'd2', name: 'Sales'}},
};
export const LIVECHAT_CLOSE_BY_AGENT = {
  _id: 'CloseByAgentMsg01',
  rid: RC_RID,
  msg: 'Thanks for chatting',
  t: 'livechat-close',
  groupable: false,
  transcriptRequested: false,
  ts: {$date: 1625862100000},
  u: RC_AGENT,
};
export const PROMPT_TRANSCRIPT = {
  _id: 'PromptTranscript1',
  rid: RC_RID,
  msg: 'promptTranscript',
  t: 'command',
  ts: {$date: 1625862100001},
  u: RC_AGENT,
};

/** Types Rocket.Chat's widget hides (canRenderMessage.ts), each as one message. */
export const HIDDEN_TYPES = [
  'livechat-started',
  'command',
  'livechat_navigation_history',
  'livechat_video_call',
  'livechat_webrtc_video_call',
  'omnichannel_priority_change_history',
  'omnichannel_sla_change_history',
  'wm',
  'r',
  'au',
  'ru',
];

/** §3.2: a visitor's image upload, as stored. */
export const FILE_MESSAGE = {
  _id: 'FileMessage000001',
  rid: RC_RID,
  msg: '',
  ts: {$date: 1625862060000},
  u: RC_AGENT,
  groupable: false,
  file: {_id: 'fileId', name: 'a.png', type: 'image/png'},
  files: [{_id: 'fileId', name: 'a.png', type: 'image/png'}],
  attachments: [
    {
      title: 'a.png',
      type: 'file',
      description: 'the screenshot',
      title_link: '/file-upload/fileId/a.png',
      title_link_download: true,
      image_url: '/file-upload/fileId/a.png',
      image_type: 'image/png',
      image_size: 1234,
      image_dimensions: {width: 1, height: 1},
      image_preview: 'AAAA',
    },
  ],
};

/** §3.3: stream-livechat-room events. */
export const AGENT_DATA = {
  type: 'agentData',
  data: {
    _id: RC_AGENT._id,
    username: RC_AGENT.username,
    name: RC_AGENT.name,
    status: 'online',
    emails: [{address: 'agent@x', verified: true}],
    livechat: {maxNumberSimultaneousChat: '5'},
  },
};
export const AGENT_DATA_HIDDEN = {type: 'agentData', data: {hiddenInfo: true}};
export const AGENT_STATUS_AWAY = {type: 'agentStatus', status: 'away'};
export const QUEUE_DATA = {
  type: 'queueData',
  data: {
    spot: 3,
    message: {text: 'You are in the queue', user: {_id: 'rocket.cat', username: 'rocket.cat'}},
    estimatedWaitTimeSeconds: 420,
  },
};
export const VISITOR_DATA = {
  type: 'visitorData',
  visitor: {_id: 'v', token: 't', username: 'guest-1'},
};

/** §3.4: user-activity args (start, stop) and deleteMessage args. */
export const TYPING_START = [RC_AGENT.username, ['user-typing']];
export const TYPING_STOP = [RC_AGENT.username, []];
export const DELETE_MESSAGE = (id: string) => [{_id: id}];

/** §2.2 and §6: error bodies, all HTTP 400 unless noted. */
export const ERROR_METEOR = {success: false, error: '[invalid-token]', errorType: 'invalid-token'};
export const ERROR_PLAIN = {success: false, error: 'invalid-room'};
export const ERROR_BRACKET_ONLY = {success: false, error: '[invalid-token]'};
export const ERROR_ROOM_CLOSED = {success: false, error: 'room-closed'};
export const ERROR_DUPLICATE_ID = {success: false};
export const ERROR_NO_AGENT = {
  success: false,
  error: 'Sorry, no online agents [no-agent-online]',
  errorType: 'no-agent-online',
};
/** HTTP 429. */
export const ERROR_TOO_MANY = {
  success: false,
  error:
    'Error, too many requests. Please slow down. You must wait 52 seconds before trying ' +
    'again. [error-too-many-requests]',
  errorType: 'error-too-many-requests',
};
/** The upload's `API.v1.failure({reason})` form. */
export const ERROR_UPLOAD_SIZE = {
  success: false,
  reason: 'error-size-not-allowed',
  sizeAllowed: '1 KB',
};
export const ERROR_UPLOAD_TYPE = {success: false, reason: 'error-type-not-allowed'};

/** §2.2: `custom.fields` answers with a capital `Key` (sic). */
export const CUSTOM_FIELDS_ANSWER = {
  fields: [{Key: 'address', value: 'Rocket.Chat street', overwrite: true}],
  success: true,
};

/** §6: the sample config (abridged in the reference, completed with RC's defaults). */
export const CONFIG_SAMPLE = {
  config: {
    enabled: true,
    settings: {
      registrationForm: true,
      nameFieldRegistrationForm: true,
      emailFieldRegistrationForm: true,
      displayOfflineForm: true,
      fileUpload: true,
      transcript: false,
      showConnecting: true,
      agentHiddenInfo: false,
      clearLocalStorageWhenChatEnded: false,
      limitTextLength: false,
      allowSwitchingDepartments: false,
    },
    theme: {
      title: 'Rocket.Chat',
      color: '#C1272D',
      offlineTitle: 'Leave a message',
      offlineColor: '#666666',
      position: 'right',
    },
    messages: {
      offlineMessage: '',
      offlineSuccessMessage: '',
      offlineUnavailableMessage: '',
      conversationFinishedMessage: '',
      conversationFinishedText: '',
      transcriptMessage: '',
      registrationFormMessage: '',
    },
    survey: {
      items: ['satisfaction', 'agentKnowledge', 'agentResposiveness', 'agentFriendliness'],
      values: ['1', '2', '3', '4', '5'],
    },
    triggers: [],
    departments: [
      {
        _id: '64cf0000000000000000',
        name: 'Test',
        showOnRegistration: false,
        showOnOfflineForm: false,
      },
    ],
    resources: {sound: 'https://host/sounds/chime.mp3', emojis: []},
    online: true,
  },
  success: true,
};

/** A recorded frame or message moved into the test's room. */
export function inRoom<T extends object>(value: T, rid: string): T {
  return {...value, rid};
}
