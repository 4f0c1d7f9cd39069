// Where the lost-delete check goes on next, per connection: the opaque cursor of the pair index
// (Forge KVS query cursors), or nothing when the next check starts from the newest pair again.
import { kvs } from '@forge/kvs';
import { z } from 'zod';
import { keyOf } from './kvs-keys';

const schema = z.object({ cursor: z.string().min(1).nullable() });

const key = (connectionId: string) => keyOf('delete-check', connectionId);

export class KvsDeleteCheckCursor {
  /** A record that does not parse reads as "start from the top": that only costs a re-check. */
  async get(connectionId: string): Promise<string | null> {
    const parsed = schema.safeParse(await kvs.get(key(connectionId)));
    return parsed.success ? parsed.data.cursor : null;
  }

  async put(connectionId: string, cursor: string | null): Promise<void> {
    await kvs.set(key(connectionId), { cursor });
  }
}
