/** Registers a tag unless it exists already, so loading the widget twice is harmless. */
export function defineOnce(tag: string, ctor: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, ctor);
}
