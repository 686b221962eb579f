/**
 * The storage namespace of a server: its origin and path, so that two widgets on one page that
 * talk to different servers never read each other's session (docs/reliability.md).
 */
export function siteIdFor(server: string): string {
  const url = new URL(server);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
