import {parseArgs} from 'node:util';
import {randomBytes} from 'node:crypto';
import {isIP} from 'node:net';
import type {AgentAccount} from './livechat/agents.js';
import type {LivechatSettings} from './livechat/settings.js';
import {readSizeFlags} from './cli-sizes.js';
import {MAX_INACTIVITY_CLOSE_MINUTES, MAX_RETENTION_DAYS} from './livechat/settings.js';
import {MAX_ABANDONED_VISITOR_HOURS} from './livechat/visitor-sweep.js';

/** The longest `--visitor-offline-grace` (and `visitorOfflineGraceSeconds`): an hour. */
export const MAX_OFFLINE_GRACE_SECONDS = 3600;

/** Usage text of `tsx src/server/cli.ts --help`. */
export const USAGE = `Usage: tsx src/server/cli.ts [options]

Runs the live-chat reference server (Rocket.Chat Livechat protocol).
Maintenance: agent add|list|remove|passwd, backup FILE (see \`agent --help\`).

Options:
  --port N                 port to listen on, 0..65535 (default 3000; 0 = any free port)
  --host HOST              address to listen on (default 127.0.0.1)
  --data DIR               folder of the SQLite database (default .data/)
  --agent NAME:PASSWORD    create or update an agent; repeatable
                           (default: one agent "agent" with a generated password,
                           unless the data folder has an admin from \`agent add --admin\`)
  --origin ORIGIN          accept WebSocket and CORS requests only from this origin; repeatable
  --no-rate-limit          switch off Rocket.Chat's REST and DDP rate limits
  --trust-proxy HOPS|LIST  believe X-Forwarded-For/-Proto from this many proxy hops, or from
                           these comma-separated addresses and CIDRs (e.g. 127.0.0.1,10.0.0.0/8)
  --public-url URL         origin of the links the server hands out (e.g. https://chat.example.com)
  --max-sockets-per-address N
                           open WebSockets per client address (default 100; 0 = no cap)
  --max-connections-per-address N
                           open HTTP connections per client address, a trusted proxy's
                           not counted (default 100; 0 = no cap)
  --max-open-chats-per-address N
                           open chats one client address may hold; more are refused
                           with 429 until one ends (default 100; 0 = no cap)
  --socket-processes N     child processes that hold the visitors' WebSockets, for more of
                           them than one process may open (default 0: this process)
  --visitor-offline-grace SECONDS
                           how long a visitor whose page closed still shows as online, so a
                           reload or the next page does not show them leaving (default 8)
  --abandoned-visitor-hours N
                           delete visitors who never wrote (and their empty chats) once
                           idle N hours (default 24; 0 = keep them)
  --config FILE            livechat settings, agents and rate limits from a JSON file
                           (see src/server/README.md; flags below override it)
  --title TEXT             widget title
  --color COLOR            title bar colour, e.g. #2563eb
  --routing auto|manual    auto: least busy agent; manual: chats wait until taken
  --offline-form on|off    offer the offline form when nobody is available
  --registration-form on|off
                           ask for name and email before the chat
  --transcript on|off      offer the transcript when a chat ends
  --file-upload on|off     let visitors send files
  --upload-room-quota SIZE bytes of files one chat may store, e.g. 200M (default 200M; 0 = none)
  --upload-total-quota SIZE
                           bytes all stored files may take (default 5G; 0 = no cap)
  --upload-address-rate SIZE
                           bytes of files one client address may store per hour
                           (default 500M; 0 = no limit)
  --upload-retention-days N
                           delete the files of chats closed more than N days ago
                           (default 0: keep them)
  --chat-retention-days N  delete chats closed more than N days ago: messages, files, and
                           the visitor with their last chat (default 0: keep them)
  --close-inactive-chats-after MINUTES
                           close open chats whose last message is an agent's that the
                           visitor left unanswered MINUTES (default 0: never)
  --sneak-peek on|off      show agents the visitor's draft as they type
  --language CODE          default widget language (e.g. de)
  --max-chats N            open chats per agent before new ones queue (0 = no limit)
  --queue-wait SECONDS     estimated wait per place in line until real waits are measured
                           (default 60; 0 = no estimate until then)
  --demo                   serve dist/ and the demo page (run \`npm run build\` first);
                           loads demo.config.json unless --config is given
  --log                    log requests (tokens are redacted)
  -h, --help               print this help
`;

/** What the command line asks for. */
export interface CliOptions {
  port: number;
  host: string;
  dataDir: string;
  agents: AgentAccount[];
  /** True when no --agent was given and a password was generated for `agent`. */
  generatedPassword: boolean;
  allowedOrigins?: string[];
  rateLimit: boolean;
  /** `--trust-proxy`: a hop count or addresses/CIDRs. */
  trustProxy?: number | string[];
  /** `--public-url`, as an origin. */
  publicUrl?: string;
  maxSocketsPerAddress?: number;
  maxConnectionsPerAddress?: number;
  maxOpenChatsPerAddress?: number;
  socketProcesses?: number;
  /** `--visitor-offline-grace`, in milliseconds. */
  visitorOfflineGraceMs?: number;
  /** `--abandoned-visitor-hours`. */
  abandonedVisitorHours?: number;
  demo: boolean;
  logger: boolean;
  /** `--config FILE`, read by the caller. */
  configFile?: string;
  /** Settings from the flags; they win over the config file. */
  settings: Partial<LivechatSettings>;
}

/** The outcome of parsing: options, a request for help, or a one-line error (exit code 2). */
export type CliParse =
  {kind: 'run'; options: CliOptions} | {kind: 'help'} | {kind: 'error'; message: string};

function parseAgent(value: string): AgentAccount | string {
  const colon = value.indexOf(':');
  if (colon < 1 || colon === value.length - 1) {
    return `--agent expects NAME:PASSWORD, got '${value}'`;
  }
  return {username: value.slice(0, colon), password: value.slice(colon + 1)};
}

const SWITCHES = {
  'offline-form': 'displayOfflineForm',
  'registration-form': 'registrationForm',
  transcript: 'transcript',
  'file-upload': 'fileUpload',
  'sneak-peek': 'sneakPeek',
} as const;

type FlagValues = Record<string, string | boolean | string[] | undefined>;

/** The livechat settings the flags ask for, or a one-line error. */
function flagSettings(values: FlagValues): Partial<LivechatSettings> | string {
  const settings: Partial<LivechatSettings> = {};
  const text = (name: string) => values[name] as string | undefined;
  if (text('title') !== undefined) {
    if (text('title')!.trim() === '') return '--title must not be empty';
    settings.title = text('title');
  }
  if (text('color') !== undefined) {
    if (!/^#[0-9a-f]{3,8}$/i.test(text('color')!)) {
      return `--color expects a colour like #2563eb, got '${text('color')}'`;
    }
    settings.color = text('color');
  }
  const routing = text('routing');
  if (routing !== undefined) {
    if (routing !== 'auto' && routing !== 'manual') {
      return `--routing expects auto or manual, got '${routing}'`;
    }
    settings.routing = routing;
  }
  for (const [flag, key] of Object.entries(SWITCHES)) {
    const value = text(flag);
    if (value === undefined) continue;
    if (value !== 'on' && value !== 'off') return `--${flag} expects on or off, got '${value}'`;
    settings[key] = value === 'on';
  }
  if (text('language') !== undefined) settings.language = text('language');
  const maxChats = text('max-chats');
  if (maxChats !== undefined) {
    if (!/^\d{1,4}$/.test(maxChats)) return `--max-chats expects a number, got '${maxChats}'`;
    settings.maxChatsPerAgent = Number(maxChats);
  }
  const queueWait = text('queue-wait');
  if (queueWait !== undefined) {
    if (!/^\d{1,5}$/.test(queueWait) || Number(queueWait) > 86400) {
      return `--queue-wait expects seconds from 0 to 86400, got '${queueWait}'`;
    }
    settings.queueWaitDefaultSeconds = Number(queueWait);
  }
  const retentions = [
    ['upload-retention-days', 'fileUploadRetentionDays'],
    ['chat-retention-days', 'chatRetentionDays'],
  ] as const;
  for (const [flag, key] of retentions) {
    const days = text(flag);
    if (days === undefined) continue;
    if (!/^\d{1,5}$/.test(days) || Number(days) > MAX_RETENTION_DAYS) {
      return `--${flag} expects days from 0 to ${MAX_RETENTION_DAYS}, got '${days}'`;
    }
    settings[key] = Number(days);
  }
  const inactive = text('close-inactive-chats-after');
  if (inactive !== undefined) {
    if (!/^\d{1,6}$/.test(inactive) || Number(inactive) > MAX_INACTIVITY_CLOSE_MINUTES) {
      return `--close-inactive-chats-after expects minutes from 0 to ${MAX_INACTIVITY_CLOSE_MINUTES}, got '${inactive}'`;
    }
    settings.visitorInactivityCloseMinutes = Number(inactive);
  }
  const sizeError = readSizeFlags(text, settings);
  return sizeError ?? settings;
}

type NetworkFlags = Pick<
  CliOptions,
  | 'trustProxy'
  | 'publicUrl'
  | 'maxSocketsPerAddress'
  | 'maxConnectionsPerAddress'
  | 'maxOpenChatsPerAddress'
  | 'socketProcesses'
  | 'visitorOfflineGraceMs'
  | 'abandonedVisitorHours'
>;

/**
 * `--trust-proxy`, `--public-url`, `--max-sockets-per-address`, `--max-connections-per-address`,
 * `--max-open-chats-per-address`, `--socket-processes`, `--visitor-offline-grace` and `--abandoned-visitor-hours`, or a one-line
 * error.
 */
function networkFlags(values: FlagValues): NetworkFlags | string {
  const flags: NetworkFlags = {};
  const trust = values['trust-proxy'] as string | undefined;
  if (trust !== undefined) {
    const parsed = parseTrustProxy(trust);
    if (parsed === null) {
      return `--trust-proxy expects a hop count or addresses/CIDRs, got '${trust}'`;
    }
    flags.trustProxy = parsed;
  }
  const url = values['public-url'] as string | undefined;
  if (url !== undefined) {
    const origin = parsePublicUrl(url);
    if (origin === null) return `--public-url expects an http(s) URL, got '${url}'`;
    flags.publicUrl = origin;
  }
  for (const [flag, key] of [
    ['max-sockets-per-address', 'maxSocketsPerAddress'],
    ['max-connections-per-address', 'maxConnectionsPerAddress'],
    ['max-open-chats-per-address', 'maxOpenChatsPerAddress'],
  ] as const) {
    const count = values[flag] as string | undefined;
    if (count === undefined) continue;
    if (!/^\d{1,6}$/.test(count)) return `--${flag} expects a number, got '${count}'`;
    flags[key] = Number(count);
  }
  const processes = values['socket-processes'] as string | undefined;
  if (processes !== undefined) {
    if (!/^\d{1,2}$/.test(processes)) {
      return `--socket-processes expects a number up to 99, got '${processes}'`;
    }
    flags.socketProcesses = Number(processes);
  }
  const grace = values['visitor-offline-grace'] as string | undefined;
  if (grace !== undefined) {
    if (!/^\d{1,4}(\.\d{1,3})?$/.test(grace) || Number(grace) > MAX_OFFLINE_GRACE_SECONDS) {
      return `--visitor-offline-grace expects seconds from 0 to ${MAX_OFFLINE_GRACE_SECONDS}, got '${grace}'`;
    }
    flags.visitorOfflineGraceMs = Math.round(Number(grace) * 1000);
  }
  const hours = values['abandoned-visitor-hours'] as string | undefined;
  if (hours !== undefined) {
    if (!/^\d{1,5}$/.test(hours) || Number(hours) > MAX_ABANDONED_VISITOR_HOURS) {
      return `--abandoned-visitor-hours expects hours from 0 to ${MAX_ABANDONED_VISITOR_HOURS}, got '${hours}'`;
    }
    flags.abandonedVisitorHours = Number(hours);
  }
  return flags;
}

/** A hop count (`1`) or a comma list of addresses and CIDRs; `null` when it is neither. */
export function parseTrustProxy(value: string): number | string[] | null {
  if (/^\d{1,2}$/.test(value)) return Number(value);
  const entries = value.split(',').map((entry) => entry.trim());
  const valid = entries.every((entry) => {
    const [address, bits, extra] = entry.split('/');
    if (extra !== undefined || isIP(address) === 0) return false;
    const max = isIP(address) === 4 ? 32 : 128;
    return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= max);
  });
  return valid && entries.length > 0 ? entries : null;
}

/** The origin of an http(s) URL, or `null`. */
export function parsePublicUrl(value: string): string | null {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
}

/** Parses argv (without `node` and the script). Never throws. */
export function parseCliArgs(argv: string[]): CliParse {
  let values;
  try {
    ({values} = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: {type: 'string'},
        host: {type: 'string'},
        data: {type: 'string'},
        agent: {type: 'string', multiple: true},
        origin: {type: 'string', multiple: true},
        'no-rate-limit': {type: 'boolean'},
        'trust-proxy': {type: 'string'},
        'public-url': {type: 'string'},
        'max-sockets-per-address': {type: 'string'},
        'max-connections-per-address': {type: 'string'},
        'max-open-chats-per-address': {type: 'string'},
        'socket-processes': {type: 'string'},
        'visitor-offline-grace': {type: 'string'},
        'abandoned-visitor-hours': {type: 'string'},
        config: {type: 'string'},
        title: {type: 'string'},
        color: {type: 'string'},
        routing: {type: 'string'},
        'offline-form': {type: 'string'},
        'registration-form': {type: 'string'},
        transcript: {type: 'string'},
        'file-upload': {type: 'string'},
        'sneak-peek': {type: 'string'},
        language: {type: 'string'},
        'max-chats': {type: 'string'},
        'queue-wait': {type: 'string'},
        'upload-retention-days': {type: 'string'},
        'chat-retention-days': {type: 'string'},
        'close-inactive-chats-after': {type: 'string'},
        'upload-room-quota': {type: 'string'},
        'upload-total-quota': {type: 'string'},
        'upload-address-rate': {type: 'string'},
        demo: {type: 'boolean'},
        log: {type: 'boolean'},
        help: {type: 'boolean', short: 'h'},
      },
    }));
  } catch (error) {
    return {kind: 'error', message: (error as Error).message.split('\n')[0]};
  }
  if (values.help) return {kind: 'help'};
  const port = Number(values.port ?? '3000');
  if (!/^\d+$/.test(values.port ?? '3000') || port > 65535) {
    const message = `--port must be an integer from 0 to 65535, got '${values.port}'`;
    return {kind: 'error', message};
  }
  if (values.host === '') return {kind: 'error', message: '--host must not be empty'};
  if (values.data === '') return {kind: 'error', message: '--data must not be empty'};
  if (values.config === '') return {kind: 'error', message: '--config must not be empty'};
  const settings = flagSettings(values);
  if (typeof settings === 'string') return {kind: 'error', message: settings};
  const network = networkFlags(values);
  if (typeof network === 'string') return {kind: 'error', message: network};
  const agents: AgentAccount[] = [];
  for (const value of values.agent ?? []) {
    const agent = parseAgent(value);
    if (typeof agent === 'string') return {kind: 'error', message: agent};
    agents.push(agent);
  }
  const generatedPassword = agents.length === 0;
  if (generatedPassword) {
    agents.push({username: 'agent', password: randomBytes(12).toString('base64url')});
  }
  return {
    kind: 'run',
    options: {
      port,
      host: values.host ?? '127.0.0.1',
      dataDir: values.data ?? '.data',
      agents,
      generatedPassword,
      allowedOrigins: values.origin,
      rateLimit: !values['no-rate-limit'],
      ...network,
      demo: values.demo ?? false,
      logger: values.log ?? false,
      configFile: values.config,
      settings,
    },
  };
}
