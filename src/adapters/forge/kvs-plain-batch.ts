// Plain KVS keys read together: one `batchGet` per 25 keys (Forge's cap per batch operation) instead
// of one request per key. A key the batch could not read for another reason than its absence is read
// alone, so a caller sees exactly what single reads would have given it.
import { kvs } from '@forge/kvs';
import { BATCH_MAX } from './kvs-prefetch';

/** The value of each key found (an absent key is missing from the map). */
export async function readPlainKeys(keys: readonly string[]): Promise<Map<string, unknown>> {
  const unique = [...new Set(keys)];
  const values = new Map<string, unknown>();
  for (let i = 0; i < unique.length; i += BATCH_MAX) {
    const res = await kvs.batchGet<unknown>(unique.slice(i, i + BATCH_MAX).map((key) => ({ key })));
    for (const hit of res.successfulKeys) values.set(hit.key, hit.value);
    // Which code a missing key fails with is not documented (the sandbox answers KEY_NOT_FOUND).
    for (const f of res.failedKeys) {
      if (f.error?.code === 'KEY_NOT_FOUND') continue;
      const v = await kvs.get<unknown>(f.key);
      if (v !== undefined && v !== null) values.set(f.key, v);
    }
  }
  return values;
}
