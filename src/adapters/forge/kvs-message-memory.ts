// Replay memory: one plain key per (connection, message id), written with returnValue PREVIOUS so
// that "remember" is a single atomic operation, and with a TTL so the store forgets by itself once the
// message would be rejected as stale anyway.
import { kvs } from '@forge/kvs';
import type { Clock } from '../../core/ports/clock';
import { keyOf } from './kvs-keys';
import { requireId, requireTime } from './kvs-support';

type Remembered = { expiresAt: number };

export class KvsMessageMemory {
  constructor(private readonly clock: Clock) {}

  private key(connectionId: string, messageId: string): string {
    return `msg:${keyOf(requireId('connectionId', connectionId), requireId('messageId', messageId))}`;
  }

  /**
   * One atomic set that returns what the key held before: a first sight (nothing before, or a
   * record past its own stamp, which Forge purges lazily, up to 48 hours late) is remembered; a
   * live record means the message was seen. Two writers of one id: one of them sees the other's.
   */
  async remember(connectionId: string, messageId: string, expiresAt: number): Promise<boolean> {
    const key = this.key(connectionId, messageId);
    // Forge's TTL counts whole units and must be positive; rounding up keeps a message at least as
    // long as asked.
    const seconds = Math.max(1, Math.ceil((requireTime('expiresAt', expiresAt) - this.clock.now()) / 1000));
    const before = await kvs.set<Remembered>(key, { expiresAt }, { keyPolicy: 'OVERRIDE', returnValue: 'PREVIOUS', ttl: { value: seconds, unit: 'SECONDS' } });
    return !(before && before.value.expiresAt > this.clock.now());
  }

  async has(connectionId: string, messageId: string): Promise<boolean> {
    const v = await kvs.get<Remembered>(this.key(connectionId, messageId));
    // Expiry is also checked here because a store may purge expired keys lazily.
    return v !== undefined && v.expiresAt > this.clock.now();
  }
}
