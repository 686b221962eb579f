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
    /* The accent as the window's surface shows it, kept for what a bubble holds but does not
       paint (the image viewer): the visitor's bubble recolours --_lc-accent for its own content. */
    --_lc-surface-accent: var(--_lc-accent);
    /* The focus ring inside the agent's bubble; the dark palette has one of its own. */
    --_lc-agent-ring: var(--_lc-accent);
    --_lc-radius: var(--live-chat-radius, 12px);
    /* The first download's 14px (tokens.styles.ts) follows from here on the visitor's own text
       size (the browser's setting, the root font size), and stays 14px on a page that sets a
       small root size for its own rem units. */
    --_lc-font-size: var(--live-chat-font-size, max(14px, 0.875rem));
    /* 360 × 560 at 14px, larger with larger text (em: of the element placed, whose font size
       is --_lc-font-size), so that a header of bigger words leaves room for the messages. */
    --_lc-window-width: var(--live-chat-window-width, max(360px, 25.7em));
    --_lc-window-height: var(--live-chat-window-height, max(560px, 40em));
  }
`;
