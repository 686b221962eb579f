import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {promisify} from 'node:util';

// The package as a widget consumer gets it: `npm pack`, then `npm install <tarball>` in an empty
// project. The install runs offline: each runtime dependency comes from this checkout's
// node_modules (an `overrides` entry per package), so the test needs no registry, and a server
// dependency that slipped into `dependencies` fails the install instead of being fetched.

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
const rootPackage = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const SERVER_ONLY = ['fastify', 'better-sqlite3', 'nodemailer', 'ws', 'tsx', '@fastify/static'];

interface PackedFile {
  path: string;
}

/** The runtime dependencies and everything they depend on, as installed here. */
function runtimeClosure(): Map<string, string> {
  const found = new Map<string, string>();
  const visit = (name: string) => {
    if (found.has(name)) return;
    const dir = join(root, 'node_modules', name);
    assert.ok(
      existsSync(join(dir, 'package.json')),
      `${name} is not installed at the top of node_modules`,
    );
    found.set(name, dir);
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    for (const dep of Object.keys(manifest.dependencies ?? {})) visit(dep);
  };
  for (const name of Object.keys(rootPackage.dependencies)) visit(name);
  return found;
}

function installedNames(nodeModules: string): string[] {
  return readdirSync(nodeModules)
    .filter((name) => !name.startsWith('.'))
    .flatMap((name) =>
      name.startsWith('@')
        ? readdirSync(join(nodeModules, name)).map((n) => `${name}/${n}`)
        : [name],
    );
}

describe('the npm package', () => {
  let work: string;
  let files: string[];
  let tarball: string;

  before(async () => {
    assert.ok(
      existsSync(join(root, 'dist/client.js')),
      'dist/client.js is missing: run `npm run build` first',
    );
    work = mkdtempSync(join(tmpdir(), 'live-chat-pack-'));
    const {stdout} = await run(
      'npm',
      ['pack', '--json', '--ignore-scripts', '--pack-destination', work],
      {cwd: root},
    );
    const [packed] = JSON.parse(stdout) as [{filename: string; files: PackedFile[]}];
    files = packed.files.map((file) => file.path);
    tarball = join(work, packed.filename);
  });

  after(() => {
    if (work) rmSync(work, {recursive: true, force: true});
  });

  it('ships the bundles, the type declarations and the custom elements manifest, and nothing of the server', () => {
    const targets = [rootPackage.types, rootPackage.customElements];
    for (const entry of Object.values(rootPackage.exports) as (
      string | {types: string; default: string}
    )[]) {
      if (typeof entry === 'string') targets.push(entry);
      else targets.push(entry.types, entry.default);
    }
    for (const target of targets) {
      const path = target.replace(/^\.\//, '');
      assert.ok(files.includes(path), `${path} is named in package.json but not in the tarball`);
    }
    assert.ok(files.filter((f) => f.endsWith('.d.ts')).length > 10, 'the .d.ts files are packed');
    assert.deepEqual(
      files.filter((f) => /^(src|test|scripts|bench)\/|^dist\/agent\//.test(f)),
      [],
      'no sources, tests or agent console in the package',
    );
    assert.deepEqual(Object.keys(rootPackage.dependencies).sort(), [
      '@lit/localize',
      'idb-keyval',
      'lit',
      'nanoid',
    ]);
  });

  it('describes <live-chat> in custom-elements.json: attributes, properties, events, parts, slots, CSS properties', () => {
    const manifest = JSON.parse(readFileSync(join(root, rootPackage.customElements), 'utf8'));
    const element = manifest.modules
      .flatMap((mod: {declarations?: unknown[]}) => mod.declarations ?? [])
      .find((declaration: {tagName?: string}) => declaration.tagName === 'live-chat');
    assert.ok(element, 'a declaration with tagName live-chat');
    const names = (list: {name: string}[] = []) => list.map((item) => item.name);
    for (const attribute of [
      'server',
      'department',
      'lang',
      'open',
      'persist',
      'restore-timeout',
      'theme',
    ]) {
      assert.ok(names(element.attributes).includes(attribute), `attribute ${attribute}`);
    }
    for (const member of ['open', 'client', 'ready', 'show', 'hide', 'toggle']) {
      assert.ok(names(element.members).includes(member), `member ${member}`);
    }
    assert.ok(names(element.events).includes('lc-message-received'));
    assert.ok(names(element.cssParts).includes('launcher'));
    assert.ok(names(element.slots).includes('welcome'));
    assert.ok(names(element.cssProperties).includes('--live-chat-accent-color'));
  });

  it('installs offline with only the widget dependencies, and its client imports in Node without a DOM', async () => {
    const app = join(work, 'app');
    const closure = runtimeClosure();
    const overrides = Object.fromEntries([...closure].map(([name, dir]) => [name, `file:${dir}`]));
    mkdirSync(app);
    writeFileSync(
      join(app, 'package.json'),
      JSON.stringify({
        name: 'scratch',
        private: true,
        type: 'module',
        dependencies: {'live-chat': `file:${tarball}`},
        overrides,
      }),
    );
    await run('npm', ['install', '--offline', '--no-audit', '--no-fund'], {cwd: app});

    const installed = installedNames(join(app, 'node_modules'));
    // Linked from this checkout, a dependency's own dependencies may stay where it lives.
    const allowed = new Set(['live-chat', ...closure.keys()]);
    assert.deepEqual(
      installed.filter((name) => !allowed.has(name)),
      [],
      'only the widget and its dependencies',
    );
    for (const name of ['live-chat', ...Object.keys(rootPackage.dependencies)])
      assert.ok(installed.includes(name), name);
    for (const name of SERVER_ONLY)
      assert.ok(!installed.includes(name), `${name} is not installed`);
    const hasNativeBuild = installed.filter((name) =>
      existsSync(join(app, 'node_modules', name, 'binding.gyp')),
    );
    assert.deepEqual(hasNativeBuild, [], 'nothing compiles native code');

    const script = `
      const m = await import('live-chat/client');
      const client = new m.LiveChatClient({server: 'http://127.0.0.1:9', persist: 'none'});
      console.log(JSON.stringify({
        dom: typeof document !== 'undefined' || typeof window !== 'undefined',
        exports: Object.keys(m),
        state: client.getSnapshot().state,
      }));
      client.destroy();`;
    const {stdout} = await run(process.execPath, ['--input-type=module', '-e', script], {cwd: app});
    const result = JSON.parse(stdout);
    assert.equal(result.dom, false);
    assert.ok(
      result.exports.includes('LiveChatClient') && result.exports.includes('LiveChatError'),
    );
    assert.equal(result.state, 'idle', 'a new client is idle and has not touched the network');
  });
});
