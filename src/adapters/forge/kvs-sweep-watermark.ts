// The reconciliation sweep's watermark, one small KVS record per project (not per connection: one
// search serves every connection sharing the project). A record that does not parse is treated as
// absent: the sweep then looks back its first-sweep window, which only costs reads.
import { kvs } from '@forge/kvs';
import { z } from 'zod';
import type { SweepWatermark } from '../../core/sync/sweep-plan';
import { keyOf } from './kvs-keys';

const schema = z.object({
  since: z.number().nullable(),
  sharedSince: z.number(),
  seen: z.record(z.string(), z.number()),
  run: z.object({ id: z.string(), next: z.string().nullable() }).optional(),
  appAccountId: z.string().min(1).max(128).optional(),
});

const key = (projectKey: string) => keyOf('sweep', projectKey);

export class KvsSweepWatermark {
  async get(projectKey: string): Promise<SweepWatermark | null> {
    const parsed = schema.safeParse(await kvs.get(key(projectKey)));
    return parsed.success ? parsed.data : null;
  }

  async put(projectKey: string, watermark: SweepWatermark): Promise<void> {
    await kvs.set(key(projectKey), watermark);
  }
}
