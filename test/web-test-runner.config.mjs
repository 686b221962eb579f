import {defaultReporter} from '@web/test-runner';
import {playwrightLauncher} from '@web/test-runner-playwright';
import {chromeLauncher} from '@web/test-runner-chrome';
import puppeteer from 'puppeteer-core';
import {esbuildPlugin} from '@web/dev-server-esbuild';
import {fileURLToPath} from 'node:url';
import {launchOptions} from './helpers/chromium.mjs';
import {firefoxPath, suiteBrowsers} from './helpers/firefox.mjs';
import {refServerPlugin} from './helpers/ref-server-plugin.mjs';

// wtr's own summary neither counts a file that failed to import nor stands alone on its line;
// this prints one 'wtr: N passed, N failed' line last, which test/run-all.mjs adds up.
function tallyReporter() {
  let passed = 0;
  let failed = 0;
  const walk = (suite) => {
    for (const t of suite?.tests ?? []) {
      if (t.skipped) continue;
      if (t.passed) passed++;
      else failed++;
    }
    for (const s of suite?.suites ?? []) walk(s);
  };
  return {
    onTestRunFinished({sessions}) {
      passed = failed = 0;
      for (const s of sessions) {
        const before = failed;
        walk(s.testResults);
        if (!s.passed && failed === before) failed++;
      }
    },
    stop() {
      process.once('exit', () => console.log(`\nwtr: ${passed} passed, ${failed} failed`));
    },
  };
}

// Chromium through Playwright, and Firefox ESR over WebDriver BiDi through puppeteer-core (no
// Playwright build of Firefox exists here). One run drives both, a file in each at a time.
function browsers() {
  const names = suiteBrowsers();
  const list = [];
  if (names.includes('chromium')) {
    list.push(playwrightLauncher({product: 'chromium', launchOptions: launchOptions()}));
  }
  if (names.includes('firefox')) {
    const executablePath = firefoxPath();
    list.push(
      chromeLauncher({
        puppeteer,
        launchOptions: {browser: 'firefox', executablePath, headless: true},
      }),
    );
  }
  return list;
}

export default {
  rootDir: fileURLToPath(new URL('..', import.meta.url)),
  reporters: [defaultReporter(), tallyReporter()],
  files: ['test/core/**/*.test.ts', 'test/components/**/*.test.ts', 'test/agent/**/*.test.ts'],
  // Without the browser condition nanoid resolves to its Node build and the file fails to import.
  nodeResolve: {exportConditions: ['browser', 'production'], browser: true},
  // One file at a time in each browser (the two browsers run side by side): two pages at once in
  // one Firefox fight over focus, and keyboard tests time out; on two busy cores so do others.
  concurrency: 1,
  browserStartTimeout: 60000,
  testsFinishTimeout: 180000,
  testFramework: {config: {timeout: 10000}},
  plugins: [
    esbuildPlugin({
      ts: true,
      target: 'es2022',
      tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)),
    }),
    refServerPlugin(),
  ],
  browsers: browsers(),
};
