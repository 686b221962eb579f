import {existsSync, readFileSync} from 'node:fs';
import {resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {startServer} from './app.js';
import {hasAdmin, isAdminCommand, runAdminCommand} from './cli-admin.js';
import {USAGE, parseCliArgs} from './cli-args.js';
import {resolveConfig} from './cli-config.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The bike-shop setup `npm start` shows; `--demo` loads it when it exists. */
const DEMO_CONFIG = resolve(REPO_ROOT, 'demo.config.json');

/** Runs the server from the command line; exit code 2 on bad arguments. */
async function main(): Promise<void> {
  if (isAdminCommand(process.argv.slice(2))) {
    const result = runAdminCommand(process.argv.slice(2));
    process.stdout.write(result.stdout);
    process.stderr.write(result.stderr);
    process.exitCode = result.code;
    return;
  }
  const parsed = parseCliArgs(process.argv.slice(2));
  if (parsed.kind === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  if (parsed.kind === 'error') {
    process.stderr.write(`live-chat-server: ${parsed.message} (see --help)\n`);
    process.exitCode = 2;
    return;
  }
  const options = parsed.options;
  const demoConfig = existsSync(DEMO_CONFIG) ? DEMO_CONFIG : undefined;
  const config = resolveConfig(options, demoConfig, (path) => readFileSync(path, 'utf8'));
  if (typeof config === 'string') {
    process.stderr.write(`live-chat-server: ${config}\n`);
    process.exitCode = 2;
    return;
  }
  const staticDir = resolve(REPO_ROOT, 'dist');
  if (options.demo && !existsSync(staticDir)) {
    process.stderr.write('live-chat-server: dist/ is missing; run `npm run build` first\n');
    process.exitCode = 2;
    return;
  }
  // Once an admin made with `agent add --admin` runs the shop, no default `agent` appears.
  const agents =
    config.generatedPassword && hasAdmin(resolve(options.dataDir)) ? [] : config.agents;
  const server = await startServer({
    port: options.port,
    host: options.host,
    dataDir: resolve(options.dataDir),
    agents,
    allowedOrigins: options.allowedOrigins,
    rateLimit: config.rateLimit,
    trustProxy: config.trustProxy,
    publicUrl: config.publicUrl,
    maxSocketsPerAddress: config.maxSocketsPerAddress,
    maxConnectionsPerAddress: config.maxConnectionsPerAddress,
    maxOpenChatsPerAddress: config.maxOpenChatsPerAddress,
    socketProcesses: config.socketProcesses,
    visitorOfflineGraceMs: config.visitorOfflineGraceMs,
    abandonedVisitorHours: config.abandonedVisitorHours,
    settings: config.settings,
    logger: options.logger,
    ...(options.demo ? {staticDir, demoPage: resolve(REPO_ROOT, 'index.html')} : {}),
  });
  const lines = [`live-chat reference server listening on ${server.url}`];
  if (config.configFile) lines.push(`config:        ${config.configFile}`);
  if (options.demo) {
    lines.push(`demo page:     ${server.url}/`, `agent console: ${server.url}/agent/`);
  }
  if (agents.length === 0) lines.push('agent login:   the agents of the data folder (agent list)');
  for (const agent of agents) {
    const password = config.generatedPassword ? agent.password : '(as given)';
    lines.push(`agent login:   ${agent.username} / ${password}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${signal}: closing\n`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`live-chat-server: close failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`live-chat-server: ${(error as Error).message ?? String(error)}\n`);
  process.exitCode = 1;
});
