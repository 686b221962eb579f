import type {ReactiveController} from 'lit';
import {DARK_ON_ACCENT, THEME_CSS} from '../styles/dark-tokens.styles.js';
import type {WidgetHost} from './widget-host.js';

const MIN_TEXT_CONTRAST = 4.5;
let themeSheet: CSSStyleSheet | null = null;
let canvas: CanvasRenderingContext2D | null | undefined;

/** WCAG relative luminance of an `#rrggbb` colour; null for anything else. */
function luminance(hex: string): number | null {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) return null;
  const [r, g, b] = match.slice(1).map((part) => {
    const c = parseInt(part, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Any CSS colour as `#rrggbb` (a canvas normalises it); null if it has transparency. */
function toHex(color: string): string | null {
  canvas ??= document.createElement('canvas').getContext('2d');
  if (!canvas) return null;
  canvas.fillStyle = '#000000';
  canvas.fillStyle = color;
  const value = String(canvas.fillStyle);
  return value.startsWith('#') ? value : null;
}

/** Whether white text on `color` falls below 4.5:1 while the dark text colour does better. */
export function needsDarkText(color: string): boolean {
  const accent = toHex(color.trim());
  const light = accent ? luminance(accent) : null;
  const dark = luminance(DARK_ON_ACCENT);
  if (light === null || dark === null) return false;
  const onWhite = 1.05 / (light + 0.05);
  const onDark = (light + 0.05) / (dark + 0.05);
  return onWhite < MIN_TEXT_CONTRAST && onDark > onWhite;
}

/**
 * Gives the window its themes: adopts the dark palette (`theme` attribute, else the system's
 * preference) into `<live-chat>`'s shadow root, and picks a readable text colour for whatever
 * accent applies (the server's, or the page's own) when white would fall below 4.5:1. A page
 * that sets `--live-chat-on-accent-color` keeps its choice.
 */
export class ThemeController implements ReactiveController {
  private accent = '';
  // Per widget, through the CSSOM: the host page's `style` attribute stays the page's.
  private readonly own = new CSSStyleSheet();

  constructor(private readonly host: WidgetHost) {
    this.own.replaceSync(':host {}');
    host.addController(this);
  }

  hostConnected(): void {
    const root = this.host.shell.shadowRoot;
    if (!root) return;
    if (!themeSheet) {
      themeSheet = new CSSStyleSheet();
      themeSheet.replaceSync(THEME_CSS);
    }
    const missing = [themeSheet, this.own].filter((s) => !root.adoptedStyleSheets.includes(s));
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, ...missing];
  }

  hostUpdated(): void {
    const shell = this.host.shell;
    const accent = getComputedStyle(shell).getPropertyValue('--_lc-accent');
    if (accent === this.accent) return;
    this.accent = accent;
    const {style} = this.own.cssRules[0] as CSSStyleRule;
    if (needsDarkText(accent)) style.setProperty('--_lc-auto-on-accent', DARK_ON_ACCENT);
    else style.removeProperty('--_lc-auto-on-accent');
  }
}
