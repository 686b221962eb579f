// A native sheet: the window's chunk adopts it into `<live-chat>`'s shadow root (live-chat-app.ts).
import {css} from './sheet.js';

/**
 * The design tokens only the window uses (the launcher's are `tokens.styles.ts`): public
 * `--live-chat-*` properties mapped to private `--_lc-*` values with their defaults. They come
 * with the window's chunk, which adopts them before the window first renders, so the first
 * download carries none of them. The dark palette overrides them in `dark-tokens.styles.ts`.
 */
export const windowTokens = css`
  :host {
    --_lc-surface: var(--live-chat-surface-color, #ffffff);
    --_lc-muted-text: var(--live-chat-muted-text-color, #6b7280);
    --_lc-border: var(--live-chat-border-color, #e5e7eb);
    --_lc-agent-bubble: var(--live-chat-agent-bubble-color, #f3f4f6);
    --_lc-visitor-bubble: var(--live-chat-visitor-bubble-color, var(--_lc-accent));
    --_lc-radius: var(--live-chat-radius, 12px);
    --_lc-window-width: var(--live-chat-window-width, 360px);
    --_lc-window-height: var(--live-chat-window-height, 560px);
  }
`;
