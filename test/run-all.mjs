// `npm test`: type checks, the build the end-to-end tests load, every node:test file and every
// browser test (in Chromium and Firefox ESR), then one plain 'N passed, N failed' line that sums
// them all. A step that cannot run (a type error, a failed build, a runner that dies) counts as one failed test.
import {spawn} from 'node:child_process';
import {readdirSync, existsSync} from 'node:fs';
import {join} from 'node:path';
import {firefoxPath, suiteBrowsers} from './helpers/firefox.mjs';

const root = new URL('..', import.meta.url).pathname;
const bin = (name) => join(root, 'node_modules', '.bin', name);
let passed = 0;
let failed = 0;

function run(label, cmd, args, env = {}) {
  console.log(`\n=== ${label}`);
  return new Promise((resolve) => {
    let out = '';
    const child = spawn(cmd, args, {
      cwd: root,
      env: {...process.env, ...env},
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const tee = (stream, sink) =>
      stream.on('data', (chunk) => {
        out += chunk;
        sink.write(chunk);
      });
    tee(child.stdout, process.stdout);
    tee(child.stderr, process.stderr);
    child.on('close', (code) => resolve({code, out}));
  });
}

async function step(label, cmd, args) {
  // A check that passes is not a test; one that fails stands for one failed test.
  const {code} = await run(label, cmd, args);
  if (code !== 0) failed++;
  return code === 0;
}

const testFiles = (dir) =>
  existsSync(join(root, dir))
    ? readdirSync(join(root, dir))
        .filter((f) => f.endsWith('.test.ts'))
        .map((f) => join(dir, f))
    : [];

// Said at once, not only after the other runners' minutes.
let noFirefox = null;
try {
  if (suiteBrowsers().includes('firefox')) firefoxPath();
} catch (error) {
  noFirefox = error.message;
  console.error(`npm test: ${noFirefox}`);
}

await step('typecheck (browser)', bin('tsc'), ['-p', '.']);
await step('typecheck (node)', bin('tsc'), ['-p', 'src/server']);
const built = await step('build', 'npm', ['run', '--silent', 'build']);

const nodeFiles = [...testFiles('test/server'), ...(built ? testFiles('test/e2e') : [])];
if (nodeFiles.length) {
  const {code, out} = await run('node:test', process.execPath, [
    '--import',
    'tsx',
    '--test',
    '--test-reporter=spec',
    ...nodeFiles,
  ]);
  const count = (name) => Number(out.match(new RegExp(`^ℹ ${name} (\\d+)$`, 'm'))?.[1] ?? 0);
  const p = count('pass');
  const f = count('fail') + count('cancelled');
  passed += p;
  failed += f;
  if (code !== 0 && f === 0) failed++;
}

{
  // Chromium and Firefox ESR in one web-test-runner run. Without Firefox the run fails with how
  // to install it, and the suite still runs in Chromium so nothing else goes untested.
  const env = {NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import tsx`.trim()};
  if (noFirefox) {
    console.error(`\n=== browser tests: ${noFirefox}`);
    failed++;
    env.WTR_BROWSERS = 'chromium';
  }
  const {code, out} = await run(
    'browser tests (web-test-runner)',
    bin('web-test-runner'),
    ['--config', 'test/web-test-runner.config.mjs', '--static-logging'],
    env,
  );
  const m = out.match(/^wtr: (\d+) passed, (\d+) failed$/m);
  const p = m ? Number(m[1]) : 0;
  const f = m ? Number(m[2]) : 0;
  passed += p;
  failed += f;
  if (code !== 0 && f === 0) failed++;
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
