// How strictly one installation's storage behaves like Forge's hosted storage where Forge is less
// convenient than a local database: queries that lag behind writes, expired values that are still
// returned for a while, and per-installation rate limits (sources in sandbox/platform/README.md,
// "Storage strictness"), set through `installation.store.strictness.configure({...})`.
import { createHash } from 'node:crypto';
import { seededRandom } from '../../seeded-random';

export interface StorageRateLimits {
  /** "Request rate (RPS) 1000" per installation. */
  requestsPerSecond: number;
  /** "Read (10KB request per min) 4000": read units per minute, a unit per started 10 KB. */
  readUnitsPerMinute: number;
  /** "Write (10KB request per min) 4000". */
  writeUnitsPerMinute: number;
}

export interface StorageStrictnessOptions {
  /**
   * Longest time (sandbox clock, ms) a write takes to show in `kvs.query` and entity index queries;
   * each write draws its own lag in [0, max] from the seeded generator. 0: queries are current.
   * Forge documents only "eventually consistent … may be slightly out of date" (no bound).
   */
  indexLagMaxMs: number;
  /**
   * Shortest lag (default 0): a test that needs the index to stay behind for a while (longer than
   * a read-back window, say) sets it rather than hoping for a long draw. Capped by indexLagMaxMs.
   */
  indexLagMinMs?: number;
  /** Longest time an expired TTL value is still returned ("Deletion may take up to 48 hours"). */
  expiryPurgeMaxMs: number;
  /** null: no rate limits. */
  rateLimits: StorageRateLimits | null;
  /** Seed of the lag and purge draws; by default derived from the installation's storage file. */
  seed: number;
}

export const DOCUMENTED_RATE_LIMITS: StorageRateLimits = { requestsPerSecond: 1000, readUnitsPerMinute: 4000, writeUnitsPerMinute: 4000 };

/** What Forge documents (the lag bound is the sandbox's choice: Forge gives none). */
export const DOCUMENTED_STRICTNESS: Omit<StorageStrictnessOptions, 'seed'> = {
  indexLagMaxMs: 1_000,
  expiryPurgeMaxMs: 48 * 3_600_000,
  rateLimits: DOCUMENTED_RATE_LIMITS,
};

const LENIENT_STRICTNESS: Omit<StorageStrictnessOptions, 'seed'> = {
  indexLagMaxMs: 0,
  expiryPurgeMaxMs: 0,
  rateLimits: null,
};

/**
 * The default is what Forge documents (issue 13): every installation's queries lag, expired values
 * linger and rate limits apply unless a test turns one down and says why. `LIAISON_SANDBOX_STORAGE=lenient`
 * turns all three off for a whole run, only to tell a strictness failure from another one.
 */
export const DEFAULT_STRICTNESS: Omit<StorageStrictnessOptions, 'seed'> =
  process.env.LIAISON_SANDBOX_STORAGE === 'lenient' ? LENIENT_STRICTNESS : DOCUMENTED_STRICTNESS;

/** The size unit of the rate limits: "Request sizes are rounded up to the nearest 10KB" (10 KB read as 10,000 bytes, the stricter reading). */
export const RATE_UNIT_BYTES = 10_000;

export const seedOf = (name: string): number => createHash('sha256').update(name).digest().readUInt32LE(0);

export class StorageStrictness {
  private options: StorageStrictnessOptions;
  private random: () => number;

  constructor(name: string, initial: Partial<StorageStrictnessOptions> = {}) {
    this.options = { ...DEFAULT_STRICTNESS, seed: seedOf(name), ...initial };
    this.random = seededRandom(this.options.seed);
  }

  get current(): Readonly<StorageStrictnessOptions> {
    return this.options;
  }

  /** Changes some settings (a test turning one down states why); a new seed restarts the draws. */
  configure(patch: Partial<StorageStrictnessOptions>): void {
    for (const [k, v] of Object.entries(patch)) {
      if ((k === 'indexLagMaxMs' || k === 'indexLagMinMs' || k === 'expiryPurgeMaxMs') && !(typeof v === 'number' && v >= 0)) throw new Error(`storage strictness: ${k} must be a number of milliseconds ≥ 0`);
    }
    this.options = { ...this.options, ...patch };
    if (patch.seed !== undefined) this.random = seededRandom(patch.seed);
  }

  /** A uniform draw in [0, 1): deterministic for a seed and a sequence of writes. */
  private next(): number {
    return this.random();
  }

  indexLag(): number {
    const max = this.options.indexLagMaxMs;
    const min = Math.min(this.options.indexLagMinMs ?? 0, max);
    return max > 0 ? min + Math.floor(this.next() * (max - min + 1)) : 0;
  }

  purgeDelay(): number {
    return this.options.expiryPurgeMaxMs > 0 ? Math.floor(this.next() * (this.options.expiryPurgeMaxMs + 1)) : 0;
  }
}
