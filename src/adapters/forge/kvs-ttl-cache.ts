// A plain KVS record per key that Forge expires by itself (`ttl`), for values that are cheap to lose
// and costly to rebuild on every invocation (e.g. a Jira project's metadata). Forge deletes expired
// values lazily ("read operations may still return expired results" for up to 48 hours), so each
// record carries its own expiry stamp and a record past it reads as a miss.
import { kvs } from '@forge/kvs';
import { keyOf } from './kvs-keys';
import { requireId } from './kvs-support';

export type KvsTtlCacheOptions = {
  /** Key namespace; bump its version when the cached shape changes so old records are never read. */
  namespace: string;
  ttlSeconds: number;
};

type Stamped<T> = { value: T; expiresAt: number };

const isStamped = <T>(v: unknown): v is Stamped<T> => typeof v === 'object' && v !== null && 'value' in v && typeof (v as { expiresAt?: unknown }).expiresAt === 'number';

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

  /** A record as stored (read ahead in a batch): kept only while its own stamp says it is fresh. */
  prime(id: string, stored: unknown): void {
    this.primed.set(id, this.fresh(stored));
  }

  async read(id: string): Promise<T | null> {
    if (this.primed.has(id)) return this.primed.get(id) ?? null;
    return this.fresh(await kvs.get<unknown>(this.key(id)));
  }

  async write(id: string, value: T): Promise<void> {
    this.primed.set(id, value);
    const record: Stamped<T> = { value, expiresAt: Date.now() + this.options.ttlSeconds * 1000 };
    await kvs.set(this.key(id), record, { ttl: { value: this.options.ttlSeconds, unit: 'SECONDS' } });
  }

  /** An unstamped record (written before stamps) or one past its stamp is a miss. */
  private fresh(stored: unknown): T | null {
    return isStamped<T>(stored) && stored.expiresAt > Date.now() ? stored.value : null;
  }
}
