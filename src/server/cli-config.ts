import type {CliOptions} from './cli-args.js';
import {parseConfigFile} from './config-file.js';
import type {AgentAccount} from './livechat/agents.js';
import type {LivechatSettings} from './livechat/settings.js';
import type {RateLimitOption} from './rest/rate-limit.js';

/** What the server starts with once the config file and the flags are merged. */
export interface ResolvedConfig {
  settings: Partial<LivechatSettings>;
  agents: AgentAccount[];
  generatedPassword: boolean;
  rateLimit: RateLimitOption;
  trustProxy?: number | string[];
  publicUrl?: string;
  maxSocketsPerAddress?: number;
  maxConnectionsPerAddress?: number;
  maxOpenChatsPerAddress?: number;
  socketProcesses?: number;
  visitorOfflineGraceMs?: number;
  abandonedVisitorHours?: number;
  /** The config file that was read, if any. */
  configFile?: string;
}

const secondsToMs = (seconds: number | undefined) =>
  seconds === undefined ? undefined : Math.round(seconds * 1000);

/**
 * Merges, in order: the defaults, the config file (`--config`, else `demoConfig` with `--demo`
 * when it exists), then the flags. `--agent` wins over the file's agents. Answers a one-line
 * error when the file cannot be read or is refused.
 */
export function resolveConfig(
  options: CliOptions,
  demoConfig: string | undefined,
  readText: (path: string) => string,
): ResolvedConfig | string {
  const path = options.configFile ?? (options.demo ? demoConfig : undefined);
  let fromFile: ReturnType<typeof parseConfigFile> = {settings: {}};
  if (path) {
    let text: string;
    try {
      text = readText(path);
    } catch (error) {
      return `cannot read config file ${path}: ${(error as NodeJS.ErrnoException).code ?? error}`;
    }
    fromFile = parseConfigFile(text);
    if (typeof fromFile === 'string') return `config file ${path}: ${fromFile}`;
  }
  const useFileAgents = options.generatedPassword && (fromFile.agents?.length ?? 0) > 0;
  return {
    settings: {...fromFile.settings, ...options.settings},
    agents: useFileAgents ? fromFile.agents! : options.agents,
    generatedPassword: options.generatedPassword && !useFileAgents,
    rateLimit: options.rateLimit ? (fromFile.rateLimits ?? true) : false,
    trustProxy: options.trustProxy ?? fromFile.trustProxy,
    publicUrl: options.publicUrl ?? fromFile.publicUrl,
    maxSocketsPerAddress: options.maxSocketsPerAddress ?? fromFile.maxSocketsPerAddress,
    maxConnectionsPerAddress: options.maxConnectionsPerAddress ?? fromFile.maxConnectionsPerAddress,
    maxOpenChatsPerAddress: options.maxOpenChatsPerAddress ?? fromFile.maxOpenChatsPerAddress,
    socketProcesses: options.socketProcesses ?? fromFile.socketProcesses,
    visitorOfflineGraceMs:
      options.visitorOfflineGraceMs ?? secondsToMs(fromFile.visitorOfflineGraceSeconds),
    abandonedVisitorHours: options.abandonedVisitorHours ?? fromFile.abandonedVisitorHours,
    configFile: path,
  };
}
