/**
 * Rocket.Chat's own Livechat widget (the published `@rocket.chat/livechat` build, pinned in
 * package.json) served by a reference server, as a site embeds it against Rocket.Chat: used by
 * the end-to-end test that chats through it and by the bench's size anchor.
 */
import {cpSync, readFileSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {dirname, join} from 'node:path';

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
