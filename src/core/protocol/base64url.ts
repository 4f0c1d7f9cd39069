// base64url without Node's Buffer, so the core runs wherever Web APIs do.
export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new SyntaxError('not base64url');
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
}

export const utf8ToBase64Url = (text: string): string => toBase64Url(new TextEncoder().encode(text));
export const base64UrlToUtf8 = (text: string): string => new TextDecoder('utf-8', { fatal: true }).decode(fromBase64Url(text));
