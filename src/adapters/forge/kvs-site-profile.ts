// This site's organisation name as its admin set it (one small KVS record); absent until set, and
// a record that does not parse counts as absent (the name then defaults from the site).
import { kvs } from '@forge/kvs';
import { z } from 'zod';
import { keyOf } from './kvs-keys';

const schema = z.object({ name: z.string().min(1).max(100) });
const KEY = keyOf('site-profile', 'own');

export class KvsSiteProfile {
  async getName(): Promise<string | null> {
    const parsed = schema.safeParse(await kvs.get(KEY));
    return parsed.success ? parsed.data.name : null;
  }

  async putName(name: string): Promise<void> {
    await kvs.set(KEY, { name });
  }
}
