// The invite resolver's answer, read tolerantly: the code is what matters, expiry is a bonus.

export function invitationFrom(data: unknown): { code: string; expiresAt: number | null } | null {
  if (typeof data === 'string') return data ? { code: data, expiresAt: null } : null;
  if (typeof data !== 'object' || data === null) return null;
  const d = data as { code?: unknown; expiresAt?: unknown };
  if (typeof d.code !== 'string' || !d.code) return null;
  return { code: d.code, expiresAt: typeof d.expiresAt === 'number' ? d.expiresAt : null };
}
