import {randomBytes} from 'node:crypto';
import {existsSync, statSync} from 'node:fs';
import {join, resolve} from 'node:path';
import {parseArgs} from 'node:util';
import Database from 'better-sqlite3';
import {DB_FILE_NAME, openDatabase} from './db.js';
import {AgentAccounts} from './livechat/agent-accounts.js';

/** Usage of the maintenance sub-commands (printed by `agent --help` and `backup --help`). */
export const ADMIN_USAGE = `Usage: tsx src/server/cli.ts <command> [options]

Maintenance of a server's data folder (safe while the server runs):

  agent add NAME [--password P] [--name "Full Name"] [--admin]
                           create an agent; prints a generated password when none is given
  agent list               the agents: username, name, admin, availability
  agent remove NAME        the agent can no longer log in (their past chats keep the name)
  agent passwd NAME [--password P]
                           set a new password (generated when none is given); ends their sessions
  backup FILE              write a consistent copy of the database to FILE (VACUUM INTO)

Every command takes --data DIR (default .data/).
`;

/** What a sub-command printed and its exit code: 0 done, 1 failed, 2 bad input. */
export interface AdminResult {
  code: number;
  stdout: string;
  stderr: string;
}

const USERNAME = /^[A-Za-z0-9._-]{1,64}$/;
const ok = (stdout: string): AdminResult => ({code: 0, stdout: `${stdout}\n`, stderr: ''});
const bad = (message: string): AdminResult => ({
  code: 2,
  stdout: '',
  stderr: `live-chat-server: ${message}\n`,
});

/** Whether argv names a maintenance sub-command rather than server flags. */
export function isAdminCommand(argv: readonly string[]): boolean {
  return argv[0] === 'agent' || argv[0] === 'backup';
}

/**
 * Whether the data folder has an admin (made with `agent add --admin`): then the shop manages its
 * agents, and a start without `--agent` no longer makes (or resets) the default `agent`.
 */
export function hasAdmin(dataDir: string): boolean {
  const file = join(dataDir, DB_FILE_NAME);
  if (!existsSync(file)) return false;
  const db = openDatabase(dataDir);
  try {
    return new AgentAccounts(db).list().some((agent) => agent.isAdmin);
  } finally {
    db.close();
  }
}

/** Runs `agent …` or `backup …`; never throws. */
export function runAdminCommand(argv: readonly string[]): AdminResult {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: true,
      options: {
        data: {type: 'string'},
        password: {type: 'string'},
        name: {type: 'string'},
        admin: {type: 'boolean'},
        help: {type: 'boolean', short: 'h'},
      },
    });
  } catch (error) {
    return bad((error as Error).message.split('\n')[0]);
  }
  const {values, positionals} = parsed;
  if (values.help) return {code: 0, stdout: ADMIN_USAGE, stderr: ''};
  if (values.data === '') return bad('--data must not be empty');
  const dataDir = resolve(values.data ?? '.data');
  try {
    if (positionals[0] === 'backup') {
      if (positionals.length !== 2) return bad('backup expects one FILE');
      return backup(dataDir, resolve(positionals[1]));
    }
    return agentCommand(dataDir, positionals.slice(1), values);
  } catch (error) {
    return {code: 1, stdout: '', stderr: `live-chat-server: ${(error as Error).message}\n`};
  }
}

function agentCommand(
  dataDir: string,
  args: string[],
  values: {password?: string; name?: string; admin?: boolean},
): AdminResult {
  const [action, username, ...rest] = args;
  const actions = ['add', 'list', 'remove', 'passwd'];
  if (!action || !actions.includes(action)) {
    return bad(`agent expects one of ${actions.join(', ')}, got '${action ?? ''}'`);
  }
  if (action === 'list' ? username !== undefined : rest.length > 0 || username === undefined) {
    return bad(action === 'list' ? 'agent list takes no NAME' : `agent ${action} expects one NAME`);
  }
  if (action !== 'list' && !USERNAME.test(username)) {
    return bad(`NAME must be 1 to 64 letters, digits, '.', '_' or '-', got '${username}'`);
  }
  if (values.password !== undefined && values.password.length === 0) {
    return bad('--password must not be empty');
  }
  if ((values.admin || values.name !== undefined) && action !== 'add') {
    return bad(`--admin and --name only go with agent add`);
  }
  if (action !== 'add' && !existsSync(join(dataDir, DB_FILE_NAME))) {
    return bad(`no database in ${dataDir}`);
  }
  const db = openDatabase(dataDir);
  try {
    const agents = new AgentAccounts(db);
    const password = values.password ?? randomBytes(12).toString('base64url');
    const shown = values.password === undefined ? `\npassword: ${password}` : '';
    switch (action) {
      case 'add':
        if (!agents.add(username, password, {name: values.name, admin: values.admin})) {
          return bad(`agent '${username}' already exists (use agent passwd)`);
        }
        return ok(`agent '${username}' added${values.admin ? ' as admin' : ''}${shown}`);
      case 'passwd':
        if (!agents.setPassword(username, password)) return bad(`no agent '${username}'`);
        return ok(`password of '${username}' changed${shown}`);
      case 'remove': {
        const outcome = agents.remove(username);
        if (outcome === 'unknown') return bad(`no agent '${username}'`);
        if (outcome === 'busy') {
          return {
            code: 1,
            stdout: '',
            stderr:
              `live-chat-server: agent '${username}' still ` +
              'serves open chats; close or transfer them first\n',
          };
        }
        return ok(`agent '${username}' removed`);
      }
      default: {
        const lines = agents
          .list()
          .map((a) => [a.username, a.name, a.isAdmin ? 'admin' : 'agent', a.status].join('\t'));
        return ok(lines.length > 0 ? lines.join('\n') : '(no agents)');
      }
    }
  } finally {
    db.close();
  }
}

/**
 * `VACUUM INTO` reads one snapshot of the database (WAL lets the server go on writing) and writes
 * it, compacted, to a new file; the copy is then checked before the command reports success.
 */
function backup(dataDir: string, target: string): AdminResult {
  const source = join(dataDir, DB_FILE_NAME);
  if (!existsSync(source)) return bad(`no database in ${dataDir}`);
  if (existsSync(target)) return bad(`${target} already exists; choose a new file`);
  const db = new Database(source, {fileMustExist: true});
  try {
    db.pragma('busy_timeout = 5000');
    db.prepare('VACUUM INTO ?').run(target);
  } finally {
    db.close();
  }
  const copy = new Database(target, {readonly: true, fileMustExist: true});
  try {
    const check = copy.pragma('quick_check', {simple: true});
    if (check !== 'ok') throw new Error(`the backup failed its check: ${String(check)}`);
  } finally {
    copy.close();
  }
  return ok(`backup written to ${target} (${statSync(target).size} bytes)`);
}
