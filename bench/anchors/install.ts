/**
 * The anchors (comparable chat widgets published on npm), installed on demand into
 * .bench-cache/anchors (git-ignored), pinned, never into the project's package.json: a widget
 * consumer installs none of them.
 */
import {execFileSync} from 'node:child_process';
import {existsSync, mkdirSync, writeFileSync} from 'node:fs';
import {join, resolve} from 'node:path';

export const ANCHOR_DIR = resolve('.bench-cache/anchors');

export const ANCHORS = {
  rocketChat: '@rocket.chat/livechat@1.13.3',
  deepChat: 'deep-chat@2.4.2',
  customerSdk: '@livechat/customer-sdk@4.0.2',
} as const;

/** Folder of an installed anchor package. */
export const anchorPath = (spec: string, ...rest: string[]) =>
  join(ANCHOR_DIR, 'node_modules', spec.slice(0, spec.lastIndexOf('@')), ...rest);

/** Installs the pinned anchors unless they are there already; returns their folder. */
export function installAnchors(): string {
  const specs = Object.values(ANCHORS);
  if (specs.every((s) => existsSync(anchorPath(s, 'package.json')))) return ANCHOR_DIR;
  mkdirSync(ANCHOR_DIR, {recursive: true});
  const manifest = join(ANCHOR_DIR, 'package.json');
  if (!existsSync(manifest)) writeFileSync(manifest, '{"private": true}\n');
  console.error(`installing anchors into ${ANCHOR_DIR}: ${specs.join(', ')}`);
  execFileSync(
    'npm',
    [
      'install',
      '--prefix',
      ANCHOR_DIR,
      '--no-save',
      '--ignore-scripts',
      '--no-audit',
      '--no-fund',
      ...specs,
    ],
    {stdio: ['ignore', 'ignore', 'inherit']},
  );
  return ANCHOR_DIR;
}
