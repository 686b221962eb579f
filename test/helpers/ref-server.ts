import {executeServerCommand} from '@web/test-runner-commands';

/** Options passed to the reference server's `startServer()` (see src/server/app.ts). */
export interface RefServerOptions {
  agents?: {username: string; password: string; name?: string}[];
  rateLimit?: boolean | Record<string, {max: number; windowMs: number}>;
  settings?: Record<string, unknown>;
}

/** A reference server started for one browser test. */
export interface RefServer {
  id: string;
  url: string;
  stop(): Promise<void>;
  /** Logs the first agent in (once) and posts `text` to the room as that agent. */
  agentReply(rid: string, text: string): Promise<void>;
  /** GETs `/api/v1/<path>` as the first agent (logged in once); resolves the JSON body. */
  agentGet(path: string): Promise<Record<string, unknown>>;
}

const DEFAULT_OPTIONS: RefServerOptions = {
  agents: [{username: 'agent', password: 'pw', name: 'Agent Smith'}],
  rateLimit: false,
};

/** Starts a real reference server (port 0, temporary data folder) through the wtr plugin. */
export async function startRefServer(
  options: RefServerOptions = DEFAULT_OPTIONS,
): Promise<RefServer> {
  // The tests' page calls the agent API too, from the test runner's origin.
  const started = await executeServerCommand<{id: string; url: string}, unknown>('ref-server', {
    action: 'start',
    options: {agentOrigins: [location.origin], ...options},
  });
  const {id, url} = started;
  let auth: {userId: string; authToken: string} | null = null;
  const agent = options.agents?.[0];

  async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
    const response = await fetch(`${url}/api/v1/${path}`, {
      method: 'POST',
      headers: {'Content-Type': 'application/json', ...headers},
      body: JSON.stringify(body),
    });
    const json = (await response.json()) as Record<string, unknown>;
    if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  }

  async function agentHeaders(): Promise<Record<string, string>> {
    if (!agent) throw new Error('the server was started without agents');
    if (!auth) {
      const login = await post('login', {user: agent.username, password: agent.password});
      auth = login.data as {userId: string; authToken: string};
    }
    return {'X-User-Id': auth.userId, 'X-Auth-Token': auth.authToken};
  }

  return {
    id,
    url,
    stop: async () => {
      await executeServerCommand('ref-server', {action: 'stop', id});
    },
    agentReply: async (rid, text) => {
      await post('chat.sendMessage', {message: {rid, msg: text}}, await agentHeaders());
    },
    agentGet: async (path) => {
      const response = await fetch(`${url}/api/v1/${path}`, {headers: await agentHeaders()});
      const json = (await response.json()) as Record<string, unknown>;
      if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(json)}`);
      return json;
    },
  };
}
