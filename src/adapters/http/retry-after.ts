// `Retry-After` is either delay-seconds or an HTTP-date (RFC 9110 §10.2.3); anything else is ignored
// rather than guessed at, so the core's own back-off schedule applies. One parser for every adapter
// that talks HTTP (partner transport, Jira, ServiceNow).

export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
