// Character references in and out of HTML. Decoding knows the numeric forms and the named ones
// rich-text editors actually write; an unknown name stays as written, never an exception.
const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', copy: '\u00a9', reg: '\u00ae', trade: '\u2122',
  hellip: '\u2026', mdash: '\u2014', ndash: '\u2013', lsquo: '\u2018', rsquo: '\u2019', ldquo: '\u201c', rdquo: '\u201d',
  bull: '\u2022', middot: '\u00b7', euro: '\u20ac', pound: '\u00a3', yen: '\u00a5', cent: '\u00a2', deg: '\u00b0',
  times: '\u00d7', divide: '\u00f7', laquo: '\u00ab', raquo: '\u00bb', sect: '\u00a7', para: '\u00b6', shy: '\u00ad',
  ensp: '\u2002', emsp: '\u2003', thinsp: '\u2009', zwnj: '\u200c', zwj: '\u200d', larr: '\u2190', rarr: '\u2192',
  uarr: '\u2191', darr: '\u2193', check: '\u2713', auml: '\u00e4', ouml: '\u00f6', uuml: '\u00fc', Auml: '\u00c4',
  Ouml: '\u00d6', Uuml: '\u00dc', szlig: '\u00df', eacute: '\u00e9', egrave: '\u00e8', agrave: '\u00e0', ccedil: '\u00e7',
};

function codePoint(n: number): string {
  // NUL, surrogates and values past Unicode decode to U+FFFD, as the HTML standard says.
  if (!Number.isFinite(n) || n === 0 || n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) return '\ufffd';
  return String.fromCodePoint(n);
}

export function decodeEntities(raw: string): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(/&(#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});/g, (whole, ref: string) => {
    if (ref[0] === '#') return codePoint(ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10));
    return Object.prototype.hasOwnProperty.call(NAMED, ref) ? NAMED[ref]! : whole;
  });
}

export const escapeText = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
export const escapeAttr = (s: string): string => escapeText(s).replace(/"/g, '&quot;');
