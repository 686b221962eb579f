import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

/**
 * Lets browser tests start and stop real reference servers (port 0, temporary data folder)
 * through `executeServerCommand('ref-server', {...})`. The runner is started with tsx loaded
 * (see test/run-all.mjs), so the TypeScript server can be imported here.
 */
export function refServerPlugin() {
  const servers = new Map();
  let nextId = 1;
  // Compiling the server on the first `start` took seconds of a test's hook time on a busy
  // machine (a hook then timed out): it is compiled once, as the runner starts.
  let app = null;
  const loadApp = () => (app ??= import('../../src/server/app.ts'));
  return {
    name: 'ref-server',
    serverStart() {
      loadApp().catch(() => undefined);
    },
    async executeCommand({command, payload}) {
      if (command !== 'ref-server') return undefined;
      const {action, id, options = {}} = payload ?? {};
      if (action === 'start') {
        const {startServer} = await loadApp();
        const dataDir = await mkdtemp(join(tmpdir(), 'live-chat-wtr-'));
        const server = await startServer({
          port: 0,
          host: '127.0.0.1',
          dataDir,
          logger: false,
          ...options,
        });
        const key = String(nextId++);
        servers.set(key, {server, dataDir, options});
        return {id: key, url: server.url};
      }
      const entry = servers.get(id);
      if (!entry) throw new Error(`no reference server with id ${id}`);
      if (action === 'stop') {
        servers.delete(id);
        await entry.server.close();
        await rm(entry.dataDir, {recursive: true, force: true});
        return true;
      }
      if (action === 'restart') {
        // Same port and data folder: what a visitor sees when the server process is replaced.
        const port = new URL(entry.server.url).port;
        await entry.server.close();
        const {startServer} = await loadApp();
        entry.server = await startServer({
          host: '127.0.0.1',
          logger: false,
          ...entry.options,
          port: Number(port),
          dataDir: entry.dataDir,
        });
        return {id, url: entry.server.url};
      }
      throw new Error(`unknown ref-server action ${action}`);
    },
    async serverStop() {
      for (const [, entry] of servers) {
        await entry.server.close();
        await rm(entry.dataDir, {recursive: true, force: true});
      }
      servers.clear();
    },
  };
}
