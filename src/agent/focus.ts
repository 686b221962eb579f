/** The element that had focus, looking through open shadow roots. */
export function deepActiveElement(): HTMLElement | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : null;
}

/** Whether keys typed now go into text: an input, a text area, a select or editable content. */
export function isTyping(): boolean {
  const active = deepActiveElement();
  if (!active) return false;
  return active.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(active.tagName);
}

/**
 * The login form or the section left (Alt+4 from the reply box) went with the keyboard focus,
 * or it is on another section's link: it lands on the link of the section the agent is in.
 */
export function focusSection(root: ParentNode): void {
  const active = deepActiveElement();
  const nav = root.querySelector('nav');
  if (active && active !== document.body && !nav?.contains(active)) return;
  nav?.querySelector<HTMLElement>('[aria-current="page"]')?.focus();
}
