import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {once} from 'node:events';
import {existsSync} from 'node:fs';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import {fileURLToPath} from 'node:url';
import Database from 'better-sqlite3';
import {runCli} from '../helpers/node/cli-server.js';
import {
  agentLogin,
  api,
  createVisitorWithRoom,
  startTestServer,
} from '../helpers/node/server-fixture.js';

const CLI = fileURLToPath(new URL('../../src/server/cli.ts', import.meta.url));

describe('command line: agent sub-commands', () => {
  let dir: string;
  let alicePassword = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'live-chat-cli-'));
  });
  after(() => rm(dir, {recursive: true, force: true}));

  it('adds a first admin with a generated password, who can log in', async () => {
    const added = await runCli([
      'agent',
      'add',
      'alice',
      '--admin',
      '--name',
      'Alice Admin',
      '--data',
      dir,
    ]);
    assert.equal(added.code, 0, added.stderr);
    assert.match(added.stdout, /^agent 'alice' added as admin\npassword: (\S{16})\n$/);
    alicePassword = /password: (\S+)/.exec(added.stdout)![1];
    const password = alicePassword;
    const again = await runCli(['agent', 'add', 'alice', '--data', dir]);
    assert.equal(again.code, 2);
    assert.equal(
      again.stderr,
      "live-chat-server: agent 'alice' already exists (use agent passwd)\n",
    );
    // A server on that folder lets her in as an admin.
    const server = await startTestServer({dataDir: dir, agents: []});
    try {
      const alice = await agentLogin(server.url, 'alice', password);
      const me = await api(server.url, '/api/v1/me', {headers: alice.headers});
      assert.equal(me.body.name, 'Alice Admin');
      assert.ok(me.body.roles.includes('admin'));
    } finally {
      await server.close();
    }
  });

  it('starts a server on that folder without adding the default agent', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', CLI, '--port', '0', '--data', dir, '--no-rate-limit'],
      {stdio: ['ignore', 'pipe', 'pipe']},
    );
    let output = '';
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk;
          if (output.includes('agent login:')) resolve();
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
      });
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
    assert.match(output, /agent login: {3}the agents of the data folder \(agent list\)/);
    assert.doesNotMatch(output, /agent login: {3}agent \//);
    const list = await runCli(['agent', 'list', '--data', dir]);
    assert.deepEqual(
      list.stdout
        .trim()
        .split('\n')
        .map((l) => l.split('\t')[0]),
      ['alice'],
    );
  });

  it('prints the usage of the sub-commands', async () => {
    const help = await runCli(['agent', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /agent add NAME \[--password P\]/);
    assert.match(help.stdout, /backup FILE/);
  });

  it('lists, changes passwords and removes agents', async () => {
    const bob = await runCli(['agent', 'add', 'bob', '--password', 'bob-secret', '--data', dir]);
    assert.equal(bob.code, 0, bob.stderr);
    assert.equal(bob.stdout, "agent 'bob' added\n");
    const list = await runCli(['agent', 'list', '--data', dir]);
    assert.equal(list.code, 0);
    assert.deepEqual(
      list.stdout
        .trim()
        .split('\n')
        .map((l) => l.split('\t').slice(0, 3)),
      [
        ['alice', 'Alice Admin', 'admin'],
        ['bob', 'bob', 'agent'],
      ],
    );
    const passwd = await runCli([
      'agent',
      'passwd',
      'bob',
      '--password',
      'new-secret',
      '--data',
      dir,
    ]);
    assert.equal(passwd.code, 0, passwd.stderr);
    const server = await startTestServer({dataDir: dir, agents: []});
    try {
      await assert.rejects(agentLogin(server.url, 'bob', 'bob-secret'));
      const session = await agentLogin(server.url, 'bob', 'new-secret');
      const alice = await agentLogin(server.url, 'alice', alicePassword);
      await api(server.url, '/api/v1/livechat/agent.status', {
        body: {status: 'not-available'},
        headers: alice.headers,
      });
      // Bob serves an open chat: removing him would strand the visitor.
      const visitor = await createVisitorWithRoom(server.url, {name: 'Vera'});
      const busy = await runCli(['agent', 'remove', 'bob', '--data', dir]);
      assert.equal(busy.code, 1);
      assert.match(busy.stderr, /still serves open chats/);
      await api(server.url, '/api/v1/livechat/room.closeByUser', {
        body: {rid: visitor.rid},
        headers: session.headers,
      });
      const removed = await runCli(['agent', 'remove', 'bob', '--data', dir]);
      assert.equal(removed.code, 0, removed.stderr);
      // The running server sees at once that the session ended and the login is gone.
      const me = await api(server.url, '/api/v1/me', {headers: session.headers});
      assert.equal(me.status, 401);
      await assert.rejects(agentLogin(server.url, 'bob', 'new-secret'));
    } finally {
      await server.close();
    }
    const after = await runCli(['agent', 'list', '--data', dir]);
    assert.doesNotMatch(after.stdout, /^bob/m);
  });

  it('exits with 2 and one line on bad input', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'live-chat-cli-empty-'));
    try {
      const cases: [string[], RegExp][] = [
        [['agent'], /agent expects one of add, list, remove, passwd/],
        [['agent', 'add'], /agent add expects one NAME/],
        [['agent', 'add', 'bad name!', '--data', dir], /NAME must be 1 to 64 letters/],
        [['agent', 'add', 'x', '--password', '', '--data', dir], /--password must not be empty/],
        [['agent', 'remove', 'nobody', '--data', dir], /no agent 'nobody'/],
        [['agent', 'passwd', 'nobody', '--data', dir], /no agent 'nobody'/],
        [['agent', 'list', '--data', empty], /no database in /],
        [['agent', 'list', '--bogus'], /Unknown option '--bogus'/],
        [['backup', '--data', dir], /backup expects one FILE/],
        [['backup', join(empty, 'b.sqlite'), '--data', empty], /no database in /],
      ];
      for (const [args, message] of cases) {
        const {code, stderr} = await runCli(args);
        assert.equal(code, 2, args.join(' '));
        assert.match(stderr, message);
        assert.equal(stderr.trim().split('\n').length, 1);
      }
      assert.equal(existsSync(join(empty, 'live-chat.sqlite')), false);
    } finally {
      await rm(empty, {recursive: true, force: true});
    }
  });
});

describe('command line: backup', () => {
  it('copies the database while the server writes, and the copy holds the rows', async () => {
    const server = await startTestServer();
    const out = await mkdtemp(join(tmpdir(), 'live-chat-backup-'));
    const file = join(out, 'backup.sqlite');
    try {
      const visitor = await createVisitorWithRoom(server.url, {name: 'Bo Backup'});
      const say = (msg: string) =>
        api(server.url, '/api/v1/livechat/message', {
          body: {token: visitor.token, rid: visitor.rid, msg},
        });
      assert.equal((await say('before the backup')).status, 200);
      // Messages keep going in while the backup runs in another process.
      let writing = true;
      let written = 0;
      const writer = (async () => {
        while (writing) {
          assert.equal((await say(`during ${written}`)).status, 200);
          written++;
        }
      })();
      const backup = await runCli(['backup', file, '--data', server.dataDir]);
      writing = false;
      await writer;
      assert.equal(backup.code, 0, backup.stderr);
      assert.match(backup.stdout, /^backup written to .*backup\.sqlite \(\d+ bytes\)\n$/);
      assert.ok(written > 0, 'the server wrote while the backup ran');
      const copy = new Database(file, {readonly: true});
      try {
        const texts = copy
          .prepare('SELECT msg FROM messages WHERE rid = ? AND t IS NULL')
          .all(visitor.rid)
          .map((r) => (r as {msg: string}).msg);
        assert.ok(texts.includes('before the backup'));
        assert.equal(copy.pragma('integrity_check', {simple: true}), 'ok');
        const found = copy
          .prepare(
            `SELECT COUNT(*) AS n FROM search_fts
          WHERE search_fts MATCH '"before" "backup"'`,
          )
          .get() as {n: number};
        assert.equal(found.n, 1);
      } finally {
        copy.close();
      }
      const again = await runCli(['backup', file, '--data', server.dataDir]);
      assert.equal(again.code, 2);
      assert.match(again.stderr, /already exists/);
    } finally {
      await server.close();
      await rm(out, {recursive: true, force: true});
    }
  });
});
