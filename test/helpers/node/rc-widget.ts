/**
 * Rocket.Chat's own Livechat widget (the published `@rocket.chat/livechat` build, pinned in
 * package.json) served by a reference server, as a site embeds it against Rocket.Chat: used by
 * the end-to-end tests that chat through it (with the handles and watch below) and by the
 * bench's size anchor.
 */
import {cpSync, readFileSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {dirname, join} from 'node:path';
import type {BrowserContext, FrameLocator, Locator, Page} from 'playwright';

/** The widget's build folder in node_modules. */
export function rcWidgetBuild(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@rocket.chat/livechat/package.json')), 'build');
}

// Rocket.Chat's documented embed snippet (its widget-demo.html), pointed at a local copy.
export const rcHostPage = (url: string): string => `<!doctype html><html lang="en"><head>
<meta charset="utf-8"><title>Host page</title></head><body><p>A host page.</p><script>
(function(w, d, s, u) {
  w.RocketChat = function(c) { w.RocketChat._.push(c) }; w.RocketChat._ = []; w.RocketChat.url = u;
  var h = d.getElementsByTagName(s)[0], j = d.createElement(s);
  j.async = true; j.src = '/livechat/rocketchat-livechat.min.js';
  h.parentNode.insertBefore(j, h);
})(window, document, 'script', '${url}/livechat.html');
</script></body></html>`;

/**
 * Copies the widget `build` into `staticDir/livechat` and writes the page its loader frames,
 * `staticDir/livechat.html`, pointed at `serverUrl`. Rocket.Chat serves that index at /livechat
 * (no slash), where `livechat/…` resolves to its assets, and sets window.SERVER_URL in it; a
 * file beside the folder keeps that base.
 */
export function installRcWidget(build: string, staticDir: string, serverUrl: string): void {
  cpSync(build, join(staticDir, 'livechat'), {recursive: true});
  const index = readFileSync(join(staticDir, 'livechat/index.html'), 'utf8');
  const setUrl = `<script>window.SERVER_URL = ${JSON.stringify(serverUrl)};</script>`;
  writeFileSync(join(staticDir, 'livechat.html'), index.replace('<body>', `<body>${setUrl}`));
}

// Rocket.Chat's widget has no accessible names on its launcher or composer: its (pinned)
// build's class names are the only handles.
export const rcLauncher = (rc: FrameLocator) => rc.locator('button[class*="chat-button"]');
export const rcComposer = (rc: FrameLocator) => rc.locator('[contenteditable="true"]');

/** A 64×48 PNG drawn by the browser: a picture a visitor could tell apart in the log. */
export async function photo(page: Page): Promise<Buffer> {
  const url = await page.evaluate(() => {
    const canvas = document.createElement('canvas');
    [canvas.width, canvas.height] = [64, 48];
    const context = canvas.getContext('2d')!;
    context.fillStyle = '#c2410c';
    context.fillRect(0, 0, 64, 48);
    return canvas.toDataURL('image/png');
  });
  return Buffer.from(url.split(',')[1], 'base64');
}

/** The width of the picture an image loaded (0 for a broken or empty one), once loaded. */
export const naturalWidth = (img: Locator) =>
  img.evaluate(async (el: HTMLImageElement) => {
    if (!el.complete) await new Promise((resolve) => el.addEventListener('load', resolve));
    return el.naturalWidth;
  });

/** Types and sends `text` in the widget's composer, as its visitor does. */
export async function rcSay(page: Page, text: string): Promise<void> {
  await page.bringToFront();
  await rcComposer(page.frameLocator('iframe')).click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

// Its stylesheet (in livechat/) names the avatar's backdrop picture as `livechat/<hash>.png`,
// relative to itself: a path no server has, Rocket.Chat's own included, which serves the build
// at /livechat/ as well. The browser asks for it when an avatar shows no picture of its own.
const OWN_MISSING = /(\/favicon\.ico|\/livechat\/livechat\/[0-9a-f]{32}\.png)$/;

/**
 * What went wrong for the widget in `context` while a test ran: answers of 400 and above (the
 * host page's favicon and its own missing backdrop aside), `nosub` frames with an error, `error` frames, its pages' uncaught
 * errors (its chime's aside) and console errors. `allowedNosub` names the rooms whose subs may
 * end with an error: the widget follows a room again after it closed, which this server refuses
 * (docs/protocol.md, "Other clients on the reference server").
 */
export function watchRcWidget(context: BrowserContext): {
  problems: string[];
  allowedNosub: Set<string>;
} {
  const problems: string[] = [];
  const allowedNosub = new Set<string>();
  context.on('response', (r) => {
    if (r.status() >= 400 && !OWN_MISSING.test(r.url())) {
      problems.push(`HTTP ${r.status()} ${r.request().method()} ${r.url()}`);
    }
  });
  const watch = (page: Page) => {
    page.on('pageerror', (e) => {
      // Its sound player starts the chime without catching play(), and pauses it when the
      // message is seen: the browser rejects that play() whatever the server.
      if (!/play\(\) request was interrupted by a call to pause/.test(e.message)) {
        problems.push(`page error: ${e.message}`);
      }
    });
    page.on('console', (m) => {
      if (m.type() === 'error' && !OWN_MISSING.test(m.location().url)) {
        problems.push(`console: ${m.text()}`);
      }
    });
    page.on('websocket', (ws) => {
      const subs = new Map<string, string>();
      ws.on('framesent', ({payload}) => {
        const frame = parse(payload);
        if (frame?.msg === 'sub') subs.set(frame.id, String(frame.params?.[0]));
      });
      ws.on('framereceived', ({payload}) => {
        const frame = parse(payload);
        const room = subs.get(frame?.id)?.split('/')[0] ?? '';
        if (frame?.msg === 'nosub' && frame.error && !allowedNosub.has(room)) {
          problems.push(`nosub ${subs.get(frame.id)}: ${JSON.stringify(frame.error)}`);
        }
        if (frame?.msg === 'error' || (frame?.msg === 'result' && frame.error)) {
          problems.push(`DDP: ${String(payload)}`);
        }
      });
    });
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  return {problems, allowedNosub};
}

function parse(payload: string | Buffer): Record<string, any> | null {
  try {
    return JSON.parse(String(payload)) as Record<string, any>;
  } catch {
    return null;
  }
}
