import {html, nothing} from 'lit';

/** The console's sections, in the order of the sidebar. */
export const SECTIONS = [
  {id: 'chats', label: 'Chats'},
  {id: 'queue', label: 'Queue'},
  {id: 'offline', label: 'Offline messages'},
  {id: 'history', label: 'History'},
  {id: 'settings', label: 'Settings'},
] as const;

/** Sections only an agent with the `admin` role sees in the sidebar. */
const ADMIN_SECTIONS: ReadonlySet<SectionId> = new Set(['settings']);

/** One section's id. */
export type SectionId = (typeof SECTIONS)[number]['id'];

/** The section named by the URL's hash (`#queue`), so links, reloads and Back work. */
export function sectionFromHash(hash: string): SectionId {
  const id = hash.slice(1);
  return SECTIONS.find((s) => s.id === id)?.id ?? 'chats';
}

/** The label of a section, for the main landmark. */
export function sectionLabel(id: SectionId): string {
  return SECTIONS.find((s) => s.id === id)?.label ?? '';
}

/** A section's name; on a phone only its first word shows ("Offline"), all of it is read. */
function sectionName(label: string) {
  const [first, ...rest] = label.split(' ');
  if (rest.length === 0) return label;
  return html`${first}<span class="rest-words"> ${rest.join(' ')}</span>`;
}

/** The sidebar: one link per section, with a count where something waits (unread, queued). */
export function renderSectionNav(
  current: SectionId,
  counts: Partial<Record<SectionId, number>>,
  isAdmin = false,
) {
  const suffix: Record<SectionId, string> = {
    chats: ' unread',
    queue: ' waiting',
    offline: ' unread',
    history: '',
    settings: '',
  };
  return html`<nav class="side" aria-label="Sections">
    <ul>
      ${SECTIONS.filter((s) => isAdmin || !ADMIN_SECTIONS.has(s.id)).map(
        (s) =>
          html`<li>
            <a href="#${s.id}" aria-current=${s.id === current ? 'page' : 'false'}>
              <span>${sectionName(s.label)}</span>
              ${
                (counts[s.id] ?? 0) > 0
                  ? html`<span
                      >${counts[s.id]}<span class="visually-hidden">${suffix[s.id]}</span></span
                    >`
                  : nothing
              }
            </a>
          </li>`,
      )}
    </ul>
  </nav>`;
}
