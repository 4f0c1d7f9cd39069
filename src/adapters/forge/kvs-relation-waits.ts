// RelationWaits on Forge KVS: one small key per awaited issue (`relwait:<connection>:<issue>`),
// read and deleted in one operation each when that issue first reaches the partner. Two adds at
// the same instant may keep only one; the other issue still has `unresolved` on its pair and looks
// again at its own next change, so a lost add delays a parent or link, it never drops it.
import { kvs } from '@forge/kvs';
import { z } from 'zod';
import { localIssueId, type ConnectionId, type LocalIssueId } from '../../core/ids';
import { MAX_WAITING, type RelationWaits } from '../../core/ports/relation-waits';
import { keyOf } from './kvs-keys';

const schema = z.array(z.string().min(1)).max(MAX_WAITING);
const key = (connectionId: ConnectionId, awaited: LocalIssueId) => keyOf('relwait', connectionId, awaited);

export class KvsRelationWaits implements RelationWaits {
  async add(connectionId: ConnectionId, awaited: LocalIssueId, waiting: LocalIssueId): Promise<void> {
    const parsed = schema.safeParse(await kvs.get(key(connectionId, awaited)));
    const list = parsed.success ? parsed.data : [];
    if (list.includes(waiting) || list.length >= MAX_WAITING) return;
    await kvs.set(key(connectionId, awaited), [...list, waiting]);
  }

  async take(connectionId: ConnectionId, awaited: LocalIssueId): Promise<LocalIssueId[]> {
    const parsed = schema.safeParse(await kvs.get(key(connectionId, awaited)));
    if (!parsed.success || parsed.data.length === 0) return [];
    await kvs.delete(key(connectionId, awaited));
    return parsed.data.map(localIssueId);
  }
}
