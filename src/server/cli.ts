import {existsSync} from 'node:fs';
import {resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {startServer} from './app.js';
import {USAGE, parseCliArgs} from './cli-args.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Runs the server from the command line; exit code 2 on bad arguments. */
async function main(): Promise<void> {
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
  const staticDir = resolve(REPO_ROOT, 'dist');
  if (options.demo && !existsSync(staticDir)) {
    process.stderr.write('live-chat-server: dist/ is missing; run `npm run build` first\n');
    process.exitCode = 2;
    return;
  }
  const server = await startServer({
    port: options.port,
    host: options.host,
    dataDir: resolve(options.dataDir),
    agents: options.agents,
    allowedOrigins: options.allowedOrigins,
    rateLimit: options.rateLimit,
    logger: options.logger,
    ...(options.demo ? {staticDir, demoPage: resolve(REPO_ROOT, 'index.html')} : {}),
  });
  const lines = [`live-chat reference server listening on ${server.url}`];
  if (options.demo) {
    lines.push(`demo page:     ${server.url}/`, `agent console: ${server.url}/agent/`);
  }
  for (const agent of options.agents) {
    const password = options.generatedPassword ? agent.password : '(as given)';
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
