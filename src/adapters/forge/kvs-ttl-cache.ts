// A plain KVS record per key that Forge expires by itself (`ttl`), for values that are cheap to lose
// and costly to rebuild on every invocation (e.g. a Jira project's metadata).
import { kvs } from '@forge/kvs';
import { keyOf } from './kvs-keys';
import { requireId } from './kvs-support';

export type KvsTtlCacheOptions = {
  /** Key namespace; bump its version when the cached shape changes so old records are never read. */
  namespace: string;
  ttlSeconds: number;
};

export class KvsTtlCache<T> {
  constructor(private readonly options: KvsTtlCacheOptions) {
    if (!Number.isInteger(options.ttlSeconds) || options.ttlSeconds < 1) throw new Error(`ttlSeconds must be a positive integer, got ${options.ttlSeconds}`);
  }

  /** Values read ahead in a batch (see KvsPrefetch) for this invocation. */
  private readonly primed = new Map<string, T | null>();

  /** The KVS key of an id: batch reads name it. */
  key(id: string): string {
    return `${this.options.namespace}:${keyOf(requireId('cache key', id))}`;
  }

  prime(id: string, value: T | null): void {
    this.primed.set(id, value);
  }

  async read(id: string): Promise<T | null> {
    if (this.primed.has(id)) return this.primed.get(id) ?? null;
    return (await kvs.get<T>(this.key(id))) ?? null;
  }

  async write(id: string, value: T): Promise<void> {
    this.primed.set(id, value);
    await kvs.set<T>(this.key(id), value, { ttl: { value: this.options.ttlSeconds, unit: 'SECONDS' } });
  }
}
