// Replay memory: one plain key per (connection, message id), written with FAIL_IF_EXISTS so that
// "remember" is a single atomic operation, and with a TTL so the store forgets by itself once the
// message would be rejected as stale anyway.
import { kvs } from '@forge/kvs';
import type { Clock } from '../../core/ports/clock';
import { keyOf } from './kvs-keys';
import { isConflict, requireId, requireTime } from './kvs-support';

type Remembered = { expiresAt: number };

export class KvsMessageMemory {
  constructor(private readonly clock: Clock) {}

  private key(connectionId: string, messageId: string): string {
    return `msg:${keyOf(requireId('connectionId', connectionId), requireId('messageId', messageId))}`;
  }

  async remember(connectionId: string, messageId: string, expiresAt: number): Promise<boolean> {
    const key = this.key(connectionId, messageId);
    // Forge's TTL counts whole units and must be positive; rounding up keeps a message at least as
    // long as asked.
    const seconds = Math.max(1, Math.ceil((requireTime('expiresAt', expiresAt) - this.clock.now()) / 1000));
    try {
      await kvs.set<Remembered>(key, { expiresAt }, { keyPolicy: 'FAIL_IF_EXISTS', ttl: { value: seconds, unit: 'SECONDS' } });
      return true;
    } catch (e) {
      if (!isConflict(e)) throw e;
    }
    // Forge purges expired keys lazily (up to 48 hours late): a record past its own stamp is
    // forgotten, so the id may be remembered again. Two such rewrites racing can both succeed, but
    // only for a message id whose first use is already stale, which the receiver refuses anyway.
    const held = await kvs.get<Remembered>(key);
    if (held && held.expiresAt > this.clock.now()) return false;
    await kvs.set<Remembered>(key, { expiresAt }, { ttl: { value: seconds, unit: 'SECONDS' } });
    return true;
  }

  async has(connectionId: string, messageId: string): Promise<boolean> {
    const v = await kvs.get<Remembered>(this.key(connectionId, messageId));
    // Expiry is also checked here because a store may purge expired keys lazily.
    return v !== undefined && v.expiresAt > this.clock.now();
  }
}
