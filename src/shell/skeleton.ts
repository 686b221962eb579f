import {CHAT_PATH, svgIcon} from '../components/icon-paths.js';
import type {LcLauncher} from '../components/launcher/launcher.js';

const WINDOW_PARTS = [
  'window',
  'header',
  'messages',
  'message',
  'message-agent',
  'message-visitor',
  'message-system',
  'composer',
  'form',
].join(', ');

function slot(name: string): HTMLSlotElement {
  const element = document.createElement('slot');
  element.name = element.slot = name;
  return element;
}

/** The elements of `<live-chat>`'s shadow root that it updates. */
export interface Skeleton {
  /** Carries the placement classes (`floating`/`inline`, `start`/`end`). */
  layout: HTMLDivElement;
  launcher: LcLauncher;
  /** An `lc-window` that the window's chunk defines and its controllers fill. */
  window: HTMLElement;
}

/**
 * Builds `<live-chat>`'s shadow root with DOM calls: the launcher (with the `launcher-icon`
 * slot) and a hidden, not yet defined `lc-window` whose parts are exported and which forwards
 * the `header` and `welcome` slots.
 */
export function buildSkeleton(root: ShadowRoot): Skeleton {
  const launcher = document.createElement('lc-launcher');
  launcher.setAttribute('exportparts', 'launcher');
  const icon = slot('launcher-icon');
  icon.slot = 'icon';
  icon.append(svgIcon(CHAT_PATH));
  launcher.append(icon);
  const window = document.createElement('lc-window');
  window.className = 'window';
  window.setAttribute('exportparts', WINDOW_PARTS);
  window.hidden = true;
  window.append(slot('header'), slot('welcome'));
  const layout = document.createElement('div');
  layout.append(launcher, window);
  root.append(layout);
  return {layout, launcher, window};
}

/** `server` resolved against the page; empty when there is none or it cannot be resolved. */
export function absoluteUrl(server: string): string {
  try {
    return server ? new URL(server, document.baseURI).href : '';
  } catch {
    return '';
  }
}
