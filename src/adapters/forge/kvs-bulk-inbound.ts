// When a partner last delivered a batch here (a bulk sync's pages and their re-sends travel as
// batches), one small record per connection. The reconciliation sweep of a project shared on that
// connection holds off while the partner's bulk runs (app/sweep-hold.ts): every issue the bulk
// creates here is Liaison's own write, and searching and reading each one again would cost Jira
// points and storage for nothing. The record keeps when the current stretch of batches began, so
// a partner that never stops sending cannot hold the sweep for longer than a bound.
import { kvs } from '@forge/kvs';
import { z } from 'zod';
import { keyOf } from './kvs-keys';

const schema = z.object({ first: z.number(), last: z.number() });

export type InboundBulk = z.infer<typeof schema>;

const key = (connectionId: string) => keyOf('bulk-inbound', connectionId);

export class KvsBulkInbound {
  /** The record's key, for a caller reading it in a batch with others (parse what it finds with `parse`). */
  static key = key;

  static parse(value: unknown): InboundBulk | null {
    const parsed = schema.safeParse(value);
    return parsed.success ? parsed.data : null;
  }

  async get(connectionId: string): Promise<InboundBulk | null> {
    return KvsBulkInbound.parse(await kvs.get(key(connectionId)));
  }

  async put(connectionId: string, mark: InboundBulk): Promise<void> {
    await kvs.set(key(connectionId), mark);
  }
}
