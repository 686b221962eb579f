/**
 * The dark half of the design tokens (the light half is `tokens.styles.ts`). It is a file of
 * its own only because the first download has no room for it: the window's chunk adopts it,
 * and nothing before the window shows surfaces. Like `tokens.styles.ts`, it reads the public
 * `--live-chat-*` properties, so a page's own colours still win in either theme.
 *
 * Every pair keeps the contrast of the light palette: text on the surface and on the agent
 * bubble ≥ 4.5:1 (muted text included), the error colour ≥ 4.5:1 on the surface, and borders
 * ≥ 3:1 against the surface so inputs stay visible. Focus rings in the agent's bubble take the
 * text colour: an accent that suits a white page rarely keeps 3:1 on the dark bubble.
 */
const DARK = `
  --_lc-surface: var(--live-chat-surface-color, #111827);
  --_lc-text: var(--live-chat-text-color, #f3f4f6);
  --_lc-muted-text: var(--live-chat-muted-text-color, #a1a8b3);
  --_lc-border: var(--live-chat-border-color, #6b7280);
  --_lc-agent-bubble: var(--live-chat-agent-bubble-color, #1f2937);
  --_lc-error: var(--live-chat-error-color, #f87171);
  --_lc-agent-ring: var(--_lc-text);
  color-scheme: dark;
`;

/**
 * `theme="dark"` always, `theme="auto"` (or none) when the system prefers dark. Scoped to the
 * window: the launcher keeps its light pair (its unread badge is white on the error red).
 * Inside the window `--_lc-on-accent` falls back to `--_lc-auto-on-accent`, which the theme
 * controller sets when white text would not be readable on the accent.
 */
export const THEME_CSS = `
  .window {
    --_lc-on-accent: var(--live-chat-on-accent-color, var(--_lc-auto-on-accent, #ffffff));
  }
  :host([theme='dark']) .window {${DARK}}
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) .window {${DARK}}
  }
`;

/** The readable text colour on a light accent (the light palette's body text). */
export const DARK_ON_ACCENT = '#111827';
