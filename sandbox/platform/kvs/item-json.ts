// The JSON shape the storage service answers for one stored item.
import type { Row } from './kvs-store';

/** `{ key, value }` plus metadata: all of it, or only the requested `metadataFields` when given. */
export function itemJson(row: Row, metadataFields?: string[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  const want = (f: string) => metadataFields === undefined || metadataFields.includes(f);
  return {
    key: row.key,
    ...extra,
    value: JSON.parse(row.value) as unknown,
    ...(want('CREATED_AT') ? { createdAt: row.createdAt } : {}),
    ...(want('UPDATED_AT') ? { updatedAt: row.updatedAt } : {}),
    ...(want('EXPIRE_TIME') && row.expireAt !== null ? { expireTime: new Date(row.expireAt).toISOString() } : {}),
  };
}
