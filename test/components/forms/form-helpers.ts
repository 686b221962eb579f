/** The form control labelled `name` inside `el`'s shadow root (by its `<label for>`). */
export function control<T extends HTMLElement = HTMLInputElement>(el: Element, name: string): T {
  const root = el.shadowRoot!;
  const label = [...root.querySelectorAll('label')].find((l) => l.textContent!.trim() === name);
  if (!label) throw new Error(`no field labelled ${name}`);
  return root.getElementById(label.htmlFor) as T;
}

/** The text that `aria-describedby` of `field` points at. */
export function description(el: Element, field: Element): string {
  const ids = (field.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
  return ids.map((id) => el.shadowRoot!.getElementById(id)?.textContent?.trim() ?? '').join(' ');
}

/** The button whose text is `name`. */
export function button(el: Element, name: string): HTMLButtonElement {
  const found = [...el.shadowRoot!.querySelectorAll('button')].find(
    (b) => (b.getAttribute('aria-label') ?? b.textContent!.trim()) === name,
  );
  if (!found) throw new Error(`no button named ${name}`);
  return found;
}

/** The element focused inside nested shadow roots. */
export function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Types `value` into a field as a visitor would (an input event). */
export function fill(
  field: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement,
  value: string,
): void {
  field.value = value;
  field.dispatchEvent(new Event(field instanceof HTMLSelectElement ? 'change' : 'input'));
}
