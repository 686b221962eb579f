import type {LcAgentVisitorPanel} from './visitor-panel.js';

/** Whether the visitor panel was unfolded, and which of its controls had the keyboard focus. */
export interface PanelView {
  isExpanded: boolean;
  /** The focused control's index among `CONTROLS`; -1 focus elsewhere in it; null not in it. */
  focus: number | null;
  /** The notes' selection, when the focus was there. */
  selection: [number, number] | null;
}

const CONTROLS = 'button, a[href], textarea';

/** The panel's view, read before chats-view.ts moves it (a new panel takes its place). */
export function saveView(panel: LcAgentVisitorPanel): PanelView {
  const root = panel.renderRoot as ShadowRoot;
  const page = document.activeElement;
  const isDropped = !page || page === document.body;
  const active = root.activeElement ?? (isDropped ? panel.lastFocused : null);
  const focus = active ? [...root.querySelectorAll(CONTROLS)].indexOf(active) : null;
  const selection =
    active instanceof HTMLTextAreaElement
      ? ([active.selectionStart, active.selectionEnd] as [number, number])
      : null;
  return {isExpanded: panel.isExpanded, focus, selection};
}

/**
 * Gives the moved panel the view it had: unfolded as it was, the focus back on the same control,
 * else (hidden there: folded, or the toggle beside the chat) on the toggle or the details.
 */
export async function restoreView(panel: LcAgentVisitorPanel, view: PanelView): Promise<void> {
  panel.isExpanded = view.isExpanded;
  await panel.updateComplete;
  if (view.focus === null) return;
  const root = panel.renderRoot as ShadowRoot;
  const candidates = [
    root.querySelectorAll(CONTROLS)[view.focus],
    root.querySelector('.toggle'),
    root.querySelector('aside'),
  ];
  const target = candidates.find((e) => e instanceof HTMLElement && e.checkVisibility());
  if (!(target instanceof HTMLElement)) return;
  target.focus();
  if (target instanceof HTMLTextAreaElement && view.selection) {
    target.setSelectionRange(...view.selection);
  }
}
