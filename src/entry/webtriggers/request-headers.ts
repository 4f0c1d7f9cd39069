// Forge hands a web trigger the caller's headers with the caller's own spelling of each name
// ("X-Liaison-Signature", "content-type", …: Web trigger events, Request), and HTTP header names are
// case-insensitive, so every header is read through here, never by indexing the object directly.
export type WebTriggerHeaders = Record<string, string[] | undefined> | undefined;

/** The first value of header `name` (any case), or undefined. */
export function headerValue(headers: WebTriggerHeaders, name: string): string | undefined {
  if (!headers || typeof headers !== 'object') return undefined;
  const wanted = name.toLowerCase();
  for (const [key, values] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || !Array.isArray(values)) continue;
    const first = values.find((v): v is string => typeof v === 'string');
    if (first !== undefined) return first;
  }
  return undefined;
}
