// Which link targets rich text may carry, on every path in and out (ADF and ServiceNow HTML, both
// directions): absolute http, https and mailto only. Anything else (javascript:, data:, vbscript:,
// file:, relative paths a tracker would resolve against itself) loses its link and stays as text.
const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:']);

/** The replica schema caps links at 2048 characters. */
export const MAX_HREF = 2048;

/** The href when it is safe to keep as a link, else null. */
export function safeLinkHref(href: string | undefined | null): string | null {
  if (!href || href.length > MAX_HREF) return null;
  // Browsers ignore control characters and whitespace inside a scheme ("java\nscript:"), so the
  // check reads the href the way a browser would.
  const cleaned = [...href].filter((c) => c.charCodeAt(0) > 0x20 && c !== '\u007f').join('');
  if (cleaned !== href) return null;
  let url: URL;
  try {
    url = new URL(cleaned);
  } catch {
    return null;
  }
  if (!SAFE_SCHEMES.has(url.protocol)) return null;
  return url.protocol === 'mailto:' || url.hostname.length > 0 ? href : null;
}
