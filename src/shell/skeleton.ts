import {CHAT_PATH, svgIcon} from '../components/icon-paths.js';
import type {LcLauncher} from '../components/launcher/launcher.js';

/** A slot that passes on the page's content of the same name. */
export function slot(name: string): HTMLSlotElement {
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
 * slot) and a hidden, not yet defined `lc-window`, to which the window's chunk gives its parts
 * and slots (live-chat-app.ts).
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
  window.hidden = true;
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
