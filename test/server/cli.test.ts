import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {describe, it} from 'node:test';
import {fileURLToPath} from 'node:url';

const CLI = fileURLToPath(new URL('../../src/server/cli.ts', import.meta.url));

function runCli(args: string[]): Promise<{code: number | null; stdout: string; stderr: string}> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({code, stdout, stderr}));
  });
}

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
