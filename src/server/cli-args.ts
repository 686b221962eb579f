import {parseArgs} from 'node:util';
import {randomBytes} from 'node:crypto';
import type {AgentAccount} from './livechat/agents.js';

/** Usage text of `tsx src/server/cli.ts --help`. */
export const USAGE = `Usage: tsx src/server/cli.ts [options]

Runs the live-chat reference server (Rocket.Chat Livechat protocol).

Options:
  --port N                 port to listen on, 0..65535 (default 3000; 0 = any free port)
  --host HOST              address to listen on (default 127.0.0.1)
  --data DIR               folder of the SQLite database (default .data/)
  --agent NAME:PASSWORD    create or update an agent; repeatable
                           (default: one agent "agent" with a generated password)
  --origin ORIGIN          accept WebSocket and CORS requests only from this origin; repeatable
  --no-rate-limit          switch off Rocket.Chat's REST rate limits
  --demo                   serve dist/ and the demo page (run \`npm run build\` first)
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
  demo: boolean;
  logger: boolean;
}

/** The outcome of parsing: options, a request for help, or a one-line error (exit code 2). */
export type CliParse =
  | {kind: 'run'; options: CliOptions}
  | {kind: 'help'}
  | {kind: 'error'; message: string};

function parseAgent(value: string): AgentAccount | string {
  const colon = value.indexOf(':');
  if (colon < 1 || colon === value.length - 1) {
    return `--agent expects NAME:PASSWORD, got '${value}'`;
  }
  return {username: value.slice(0, colon), password: value.slice(colon + 1)};
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
      demo: values.demo ?? false,
      logger: values.log ?? false,
    },
  };
}
