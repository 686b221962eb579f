import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, it} from 'node:test';
import {fileURLToPath} from 'node:url';
import type {CliOptions} from '../../src/server/cli-args.js';
import {parseCliArgs} from '../../src/server/cli-args.js';
import type {ResolvedConfig} from '../../src/server/cli-config.js';
import {resolveConfig} from '../../src/server/cli-config.js';
import type {ConfigFile} from '../../src/server/config-file.js';
import {parseConfigFile} from '../../src/server/config-file.js';
import {runCli} from '../helpers/node/cli-server.js';

const DEMO_CONFIG = fileURLToPath(new URL('../../demo.config.json', import.meta.url));

describe('command line', () => {
  it('exits with 2 and one clear line on an unknown flag', async () => {
    const {code, stderr} = await runCli(['--bogus']);
    assert.equal(code, 2);
    assert.match(stderr, /Unknown option '--bogus'/);
    assert.equal(stderr.trim().split('\n').length, 1);
  });

  it('exits with 2 on a bad port or an agent without a password', async () => {
    const port = await runCli(['--port', '65536']);
    assert.equal(port.code, 2);
    assert.match(port.stderr, /--port must be an integer from 0 to 65535/);
    const agent = await runCli(['--agent', 'alice']);
    assert.equal(agent.code, 2);
    assert.match(agent.stderr, /--agent expects NAME:PASSWORD/);
  });

  it('prints usage for --help', async () => {
    const {code, stdout} = await runCli(['--help']);
    assert.equal(code, 0);
    assert.match(stdout, /^Usage: tsx src\/server\/cli\.ts/);
    assert.match(stdout, /--agent NAME:PASSWORD/);
  });
});

describe('configuration: file and flags', () => {
  const read = (files: Record<string, string>) => (path: string) => {
    if (!(path in files)) throw Object.assign(new Error('missing'), {code: 'ENOENT'});
    return files[path];
  };
  const parse = (args: string[]) => {
    const parsed = parseCliArgs(args);
    assert.equal(parsed.kind, 'run');
    return (parsed as {options: CliOptions}).options;
  };

  it('ships a demo config that passes the checks: bike shop departments, field, trigger', () => {
    const demo = parseConfigFile(readFileSync(DEMO_CONFIG, 'utf8'));
    assert.notEqual(typeof demo, 'string', String(demo));
    const {settings} = demo as ConfigFile;
    assert.deepEqual(
      settings.departments?.map((d) => d.name),
      ['Sales', 'Workshop'],
    );
    assert.equal(settings.customFields?.[0].label, 'Order number');
    assert.equal(settings.customFields?.[0].required, false);
    assert.match('12345', new RegExp(settings.customFields![0].regexp!));
    const conditions = settings.triggers?.[0].conditions.map((c) => c.name);
    // Conditions are OR'd (as in Rocket.Chat): one condition says exactly when it greets.
    assert.deepEqual(conditions, ['time-on-site']);
    assert.equal(settings.transcript, true);
  });

  it('merges defaults, the file (or demo.config.json with --demo), then the flags', () => {
    const files = {
      'shop.json': JSON.stringify({
        title: 'From file',
        routing: 'manual',
        agents: [{username: 'alice', password: 'pw'}],
        rateLimits: {rest: {max: 3, windowMs: 1000}},
      }),
      'demo.json': JSON.stringify({title: 'Demo'}),
    };
    const fromFile = resolveConfig(
      parse(['--config', 'shop.json', '--title', 'From flag']),
      'demo.json',
      read(files),
    );
    assert.notEqual(typeof fromFile, 'string');
    const config = fromFile as ResolvedConfig;
    assert.equal(config.settings.title, 'From flag');
    assert.equal(config.settings.routing, 'manual');
    assert.deepEqual(
      config.agents.map((a) => a.username),
      ['alice'],
    );
    assert.equal(config.generatedPassword, false);
    assert.deepEqual(config.rateLimit, {rest: {max: 3, windowMs: 1000}});
    const demo = resolveConfig(
      parse(['--demo', '--offline-form', 'off']),
      'demo.json',
      read(files),
    ) as ResolvedConfig;
    assert.equal(demo.settings.title, 'Demo');
    assert.equal(demo.settings.displayOfflineForm, false);
    assert.equal(demo.generatedPassword, true);
    const off = resolveConfig(
      parse(['--config', 'shop.json', '--no-rate-limit']),
      undefined,
      read(files),
    ) as ResolvedConfig;
    assert.equal(off.rateLimit, false);
  });

  it('answers a bad file or flag with one line naming the problem', () => {
    const bad = (text: string) =>
      resolveConfig(parse(['--config', 'x.json']), undefined, read({'x.json': text}));
    assert.equal(
      bad('{"routing":"random"}'),
      'config file x.json: "routing" must be "auto" or "manual"',
    );
    assert.equal(bad('{"titel":"x"}'), 'config file x.json: "titel" is not a known setting');
    assert.equal(
      bad('{"customFields":[{"_id":"a","label":"A","regexp":"("}]}'),
      'config file x.json: "customFields[0].regexp" must be a valid regular expression',
    );
    assert.match(String(bad('{nope')), /^config file x\.json: not valid JSON/);
    assert.equal(
      resolveConfig(parse(['--config', 'gone.json']), undefined, read({})),
      'cannot read config file gone.json: ENOENT',
    );
    assert.deepEqual(parseCliArgs(['--routing', 'random']), {
      kind: 'error',
      message: "--routing expects auto or manual, got 'random'",
    });
    assert.deepEqual(parseCliArgs(['--transcript', 'yes']), {
      kind: 'error',
      message: "--transcript expects on or off, got 'yes'",
    });
  });

  it('takes the queue wait default from the file or --queue-wait, within bounds', () => {
    const files = {
      'q.json': JSON.stringify({queueWaitDefaultSeconds: 45, queueWaitSampleSize: 20}),
    };
    const fromFile = resolveConfig(
      parse(['--config', 'q.json']),
      undefined,
      read(files),
    ) as ResolvedConfig;
    assert.equal(fromFile.settings.queueWaitDefaultSeconds, 45);
    assert.equal(fromFile.settings.queueWaitSampleSize, 20);
    const fromFlag = resolveConfig(
      parse(['--config', 'q.json', '--queue-wait', '0']),
      undefined,
      read(files),
    ) as ResolvedConfig;
    assert.equal(fromFlag.settings.queueWaitDefaultSeconds, 0);
    assert.deepEqual(parseCliArgs(['--queue-wait', 'soon']), {
      kind: 'error',
      message: "--queue-wait expects seconds from 0 to 86400, got 'soon'",
    });
    const refused = resolveConfig(
      parse(['--config', 'x.json']),
      undefined,
      read({'x.json': '{"queueWaitSampleSize": 0}'}),
    );
    assert.equal(
      refused,
      'config file x.json: "queueWaitSampleSize" must be an integer from 1 to 10000',
    );
  });

  it("takes the visitor's offline grace from the file or --visitor-offline-grace, in seconds", () => {
    const files = {'g.json': JSON.stringify({visitorOfflineGraceSeconds: 20})};
    const fromFile = resolveConfig(
      parse(['--config', 'g.json']),
      undefined,
      read(files),
    ) as ResolvedConfig;
    assert.equal(fromFile.visitorOfflineGraceMs, 20_000);
    const fromFlag = resolveConfig(
      parse(['--config', 'g.json', '--visitor-offline-grace', '2.5']),
      undefined,
      read(files),
    ) as ResolvedConfig;
    assert.equal(fromFlag.visitorOfflineGraceMs, 2500);
    const none = resolveConfig(parse([]), undefined, read({})) as ResolvedConfig;
    assert.equal(none.visitorOfflineGraceMs, undefined, 'the server keeps its default');
    assert.equal(parse(['--visitor-offline-grace', '0']).visitorOfflineGraceMs, 0);
    for (const bad of ['soon', '1e3', '3601']) {
      assert.deepEqual(parseCliArgs(['--visitor-offline-grace', bad]), {
        kind: 'error',
        message: `--visitor-offline-grace expects seconds from 0 to 3600, got '${bad}'`,
      });
    }
    const refused = resolveConfig(
      parse(['--config', 'x.json']),
      undefined,
      read({'x.json': '{"visitorOfflineGraceSeconds": "8"}'}),
    );
    assert.equal(
      refused,
      'config file x.json: "visitorOfflineGraceSeconds" must be seconds from 0 to 3600',
    );
  });

  it('exits with 2 and one line for a config file it refuses', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'live-chat-cli-'));
    try {
      const file = join(dir, 'bad.json');
      await writeFile(file, '{"maxChatsPerAgent": -1}');
      const {code, stderr} = await runCli(['--config', file]);
      assert.equal(code, 2);
      assert.equal(stderr.trim().split('\n').length, 1);
      assert.match(stderr, /"maxChatsPerAgent" must be an integer from 0/);
    } finally {
      await rm(dir, {recursive: true, force: true});
    }
  });
});
