/** The reference server as its own process for the server benches, with the probe preloaded. */
import type {ChildProcess} from 'node:child_process';
import {spawnNode} from './processes.js';

/** How to start it. */
export interface ServerProcessOptions {
  dataDir: string;
  /** `user:password` of each agent account. */
  agents: string[];
  /** Where bench/load/server-probe.ts writes on SIGUSR2. */
  probeFile: string;
  /** Default 0: any free port. */
  port?: number;
  /** Default false (`--no-rate-limit`): the load benches measure the server, not its limits. */
  rateLimit?: boolean;
  socketProcesses?: number;
  cpuProfDir?: string;
  nice?: number;
}

/** Starts `src/server/cli.ts`; resolves once it listens, with its URL. */
export async function startServerProcess(
  options: ServerProcessOptions,
): Promise<{url: string; child: ChildProcess}> {
  const {cpuProfDir} = options;
  const prof = cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', cpuProfDir] : [];
  const child = spawnNode(
    [
      ...prof,
      '--import',
      'tsx',
      '--import',
      './bench/load/server-probe.ts',
      'src/server/cli.ts',
      '--port',
      String(options.port ?? 0),
      '--data',
      options.dataDir,
      ...(options.rateLimit ? [] : ['--no-rate-limit']),
      '--socket-processes',
      String(options.socketProcesses ?? 0),
      ...options.agents.flatMap((a) => ['--agent', a]),
    ],
    ['ignore', 'pipe', 'inherit'],
    options.nice,
    {...process.env, LOAD_PROBE_FILE: options.probeFile},
  );
  const url = await new Promise<string>((resolveUrl, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/listening on (http:\/\/\S+)/);
      if (m) resolveUrl(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return {url, child};
}
