import {MAX_OFFLINE_GRACE_SECONDS, parsePublicUrl, parseTrustProxy} from './cli-args.js';
import type {AgentAccount} from './livechat/agents.js';
import {isTimeZone} from './livechat/business-hours.js';
import type {LivechatSettings} from './livechat/settings.js';
import {MAX_INACTIVITY_CLOSE_MINUTES, MAX_RETENTION_DAYS, WEEKDAYS} from './livechat/settings.js';
import {CLOSE_LIMITS} from './livechat/closing.js';
import type {RateLimitSettings} from './rest/rate-limit.js';
import {MAX_ABANDONED_VISITOR_HOURS} from './livechat/visitor-sweep.js';

/** What a `--config` JSON file holds: livechat settings at the top, plus agents and limits. */
export interface ConfigFile {
  settings: Partial<LivechatSettings>;
  agents?: AgentAccount[];
  rateLimits?: Partial<RateLimitSettings>;
  /** Server options that have a flag too (the flag wins). */
  trustProxy?: number | string[];
  publicUrl?: string;
  maxSocketsPerAddress?: number;
  maxConnectionsPerAddress?: number;
  maxOpenChatsPerAddress?: number;
  socketProcesses?: number;
  /** How long a visitor whose page closed still shows as online (`--visitor-offline-grace`). */
  visitorOfflineGraceSeconds?: number;
  /** Idle hours before a visitor who never wrote is deleted (`--abandoned-visitor-hours`). */
  abandonedVisitorHours?: number;
}

/** A one-line reason the file was refused. */
class ConfigError extends Error {}

type Check = (value: unknown, path: string) => unknown;

const fail = (path: string, expected: string): never => {
  throw new ConfigError(`"${path}" must be ${expected}`);
};
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const str: Check = (v, p) => (typeof v === 'string' ? v : fail(p, 'a string'));
const nonEmpty: Check = (v, p) =>
  typeof v === 'string' && v.trim() !== '' ? v : fail(p, 'a non-empty string');
const bool: Check = (v, p) => (typeof v === 'boolean' ? v : fail(p, 'true or false'));
const oneOf =
  (...values: string[]): Check =>
  (v, p) =>
    values.includes(v as string) ? v : fail(p, values.map((x) => `"${x}"`).join(' or '));
const int =
  (min: number, max = Number.MAX_SAFE_INTEGER): Check =>
  (v, p) =>
    Number.isInteger(v) && (v as number) >= min && (v as number) <= max
      ? v
      : fail(p, `an integer from ${min} to ${max}`);
const color: Check = (v, p) =>
  typeof v === 'string' && /^#[0-9a-f]{3,8}$/i.test(v) ? v : fail(p, 'a colour like "#2563eb"');
const list =
  (item: Check): Check =>
  (v, p) =>
    Array.isArray(v) ? v.map((x, i) => item(x, `${p}[${i}]`)) : fail(p, 'an array');
const pattern: Check = (v, p) => {
  str(v, p);
  try {
    new RegExp(v as string);
  } catch {
    fail(p, 'a valid regular expression');
  }
  return v;
};

/** An object with these fields (`?` suffix: optional); unknown fields are refused. */
const shape =
  (fields: Record<string, Check>): Check =>
  (v, p) => {
    if (!isRecord(v)) return fail(p, 'an object');
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(v)) {
      const check = fields[key] ?? fields[`${key}?`];
      if (!check) throw new ConfigError(`"${p}.${key}" is not a known field`);
      out[key] = check(value, `${p}.${key}`);
    }
    for (const key of Object.keys(fields)) {
      if (!key.endsWith('?') && !(key in v)) fail(`${p}.${key}`, 'given');
    }
    return out;
  };

const limit = shape({max: int(1), windowMs: int(1), 'perAddress?': int(1)});

const clockTime: Check = (v, p) =>
  typeof v === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(v) ? v : fail(p, 'a time like "09:00"');
const openingTime = shape({open: clockTime, close: clockTime});
const day: Check = (v, p) => {
  if (v === null) return v;
  const hours = openingTime(v, p) as {open: string; close: string};
  return hours.close > hours.open ? hours : fail(`${p}.close`, 'after the opening time');
};
const businessHours = shape({
  enabled: bool,
  timeZone: (v, p) =>
    typeof v === 'string' && isTimeZone(v) ? v : fail(p, 'a time zone like "Europe/Berlin"'),
  days: shape(Object.fromEntries(WEEKDAYS.map((d) => [`${d}?`, day]))),
});

const SETTINGS: Record<keyof LivechatSettings, Check> = {
  enabled: bool,
  title: nonEmpty,
  color,
  offlineTitle: nonEmpty,
  offlineColor: color,
  position: oneOf('left', 'right'),
  registrationForm: bool,
  nameFieldRegistrationForm: bool,
  emailFieldRegistrationForm: bool,
  displayOfflineForm: bool,
  allowSwitchingDepartments: bool,
  fileUpload: bool,
  fileUploadMaxBytes: int(1, 100 * 1024 * 1024),
  fileUploadRoomQuotaBytes: int(0),
  fileUploadTotalQuotaBytes: int(0),
  fileUploadAddressBytesPerHour: int(0),
  fileUploadRetentionDays: int(0, MAX_RETENTION_DAYS),
  chatRetentionDays: int(0, MAX_RETENTION_DAYS),
  visitorInactivityCloseMinutes: int(0, MAX_INACTIVITY_CLOSE_MINUTES),
  visitorInactivityCloseMessage: (v, p) =>
    typeof v === 'string' && v.trim() !== '' && v.length <= CLOSE_LIMITS.comment
      ? v
      : fail(p, `a non-empty string of at most ${CLOSE_LIMITS.comment} characters`),
  transcript: bool,
  sneakPeek: bool,
  showConnecting: bool,
  agentHiddenInfo: bool,
  clearLocalStorageWhenChatEnded: bool,
  limitTextLength: (v, p) => (v === false ? v : int(1, 5000)(v, p)),
  language: str,
  historyMonitorType: oneOf('url', 'title', 'never'),
  forceAcceptDataProcessingConsent: bool,
  videoCall: bool,
  messageEditing: bool,
  messageDeleting: bool,
  offlineMessage: str,
  offlineSuccessMessage: str,
  offlineUnavailableMessage: str,
  conversationFinishedMessage: str,
  conversationFinishedText: str,
  transcriptMessage: str,
  registrationFormMessage: str,
  dataProcessingConsentText: str,
  queueMessage: str,
  queueWaitDefaultSeconds: int(0, 86400),
  queueWaitSampleSize: int(1, 10000),
  routing: oneOf('auto', 'manual'),
  maxChatsPerAgent: int(0),
  soundUrl: str,
  smtpUrl: str,
  mailFrom: nonEmpty,
  offlineEmail: str,
  businessHours,
  survey: shape({items: list(nonEmpty), values: list(nonEmpty)}),
  departments: list(
    shape({
      _id: nonEmpty,
      name: nonEmpty,
      'showOnRegistration?': bool,
      'showOnOfflineForm?': bool,
      'agents?': list(nonEmpty),
    }),
  ),
  customFields: list(
    shape({
      _id: nonEmpty,
      label: nonEmpty,
      'regexp?': pattern,
      'required?': bool,
      'type?': oneOf('input', 'select'),
      'defaultValue?': str,
      'options?': str,
      'scope?': oneOf('visitor', 'room'),
      'visibility?': str,
    }),
  ),
  triggers: list(
    shape({
      _id: nonEmpty,
      'name?': str,
      'description?': str,
      'enabled?': bool,
      runOnce: bool,
      conditions: list(
        shape({
          name: oneOf(
            'page-url',
            'time-on-site',
            'chat-opened-by-visitor',
            'after-guest-registration',
          ),
          'value?': (v, p) => (typeof v === 'number' ? v : str(v, p)),
        }),
      ),
      actions: list(
        shape({
          name: oneOf('send-message', 'use-external-service'),
          'params?': shape({'sender?': oneOf('queue', 'custom'), 'name?': str, 'msg?': str}),
        }),
      ),
    }),
  ),
};

const AGENTS = list(
  shape({
    username: nonEmpty,
    password: nonEmpty,
    'name?': str,
    'available?': bool,
  }),
);
const RATE_LIMITS = shape({
  'rest?': limit,
  'pageLoad?': limit,
  'message?': limit,
  'visitor?': limit,
  'offlineMessage?': limit,
  'ddp?': limit,
  'agent?': limit,
  'agentSearch?': limit,
});
const TRUST_PROXY: Check = (v, p) => {
  if (Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 99) return v;
  const parsed = typeof v === 'string' ? parseTrustProxy(v) : null;
  return parsed ?? fail(p, 'a hop count or a comma list of addresses and CIDRs');
};
const PUBLIC_URL: Check = (v, p) =>
  (typeof v === 'string' && parsePublicUrl(v)) || fail(p, 'an http(s) URL');
const SERVER_OPTIONS: Record<string, Check> = {
  trustProxy: TRUST_PROXY,
  publicUrl: PUBLIC_URL,
  maxSocketsPerAddress: int(0, 999_999),
  maxConnectionsPerAddress: int(0, 999_999),
  maxOpenChatsPerAddress: int(0, 999_999),
  socketProcesses: int(0, 99),
  visitorOfflineGraceSeconds: (v, p) =>
    typeof v === 'number' && v >= 0 && v <= MAX_OFFLINE_GRACE_SECONDS
      ? v
      : fail(p, `seconds from 0 to ${MAX_OFFLINE_GRACE_SECONDS}`),
  abandonedVisitorHours: int(0, MAX_ABANDONED_VISITOR_HOURS),
};

function withDefaults(settings: Partial<LivechatSettings>): Partial<LivechatSettings> {
  const departments = settings.departments?.map((d) => ({
    ...d,
    showOnRegistration: d.showOnRegistration ?? true,
    showOnOfflineForm: d.showOnOfflineForm ?? true,
  }));
  return departments ? {...settings, departments} : settings;
}

/**
 * Checks settings sent from the Settings screen as the config file's are checked: answers the
 * checked values, or the reason and the top-level setting it is about.
 */
export function checkSettings(
  input: Record<string, unknown>,
): {settings: Partial<LivechatSettings>} | {error: string; field: string} {
  const settings: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (!(key in SETTINGS)) return {error: `"${key}" is not a known setting`, field: key};
    try {
      settings[key] = SETTINGS[key as keyof LivechatSettings](value, key);
    } catch (error) {
      if (error instanceof ConfigError) return {error: error.message, field: key};
      throw error;
    }
  }
  return {settings: withDefaults(settings as Partial<LivechatSettings>)};
}

/**
 * Parses and checks a config file's JSON text. Answers the config, or a one-line reason such as
 * `"routing" must be "auto" or "manual"`. Unknown keys are refused, so typos do not pass
 * silently.
 */
export function parseConfigFile(text: string): ConfigFile | string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return `not valid JSON (${(error as Error).message.split('\n')[0]})`;
  }
  if (!isRecord(json)) return 'the file must hold one JSON object';
  try {
    const settings: Record<string, unknown> = {};
    const config: ConfigFile = {settings};
    for (const [key, value] of Object.entries(json)) {
      if (key === 'agents') config.agents = AGENTS(value, key) as AgentAccount[];
      else if (key === 'rateLimits') {
        config.rateLimits = RATE_LIMITS(value, key) as Partial<RateLimitSettings>;
      } else if (key in SERVER_OPTIONS) {
        Object.assign(config, {[key]: SERVER_OPTIONS[key](value, key)});
      } else if (key in SETTINGS) {
        settings[key] = SETTINGS[key as keyof LivechatSettings](value, key);
      } else if (key !== '$comment') {
        return `"${key}" is not a known setting`;
      }
    }
    config.settings = withDefaults(settings as Partial<LivechatSettings>);
    return config;
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
}
