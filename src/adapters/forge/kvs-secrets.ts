// Connection secrets and pending invitations in the KVS secret store: encrypted at rest and, unlike
// plain keys and entities, never returned by any query.
import { kvs } from '@forge/kvs';
import type { Secrets } from '../../core/ports/secrets';
import type { PendingInvitation } from '../../core/protocol/invitation';
import { keyOf } from './kvs-keys';
import { ForgeAdapterError, requireId } from './kvs-support';

const secretKey = (connectionId: string) => `secret:connection:${keyOf(requireId('connectionId', connectionId))}`;
const invitationKey = (connectionId: string) => `secret:invitation:${keyOf(requireId('connectionId', connectionId))}`;

export class ForgeSecrets implements Secrets {
  async getConnectionSecret(connectionId: string): Promise<string | null> {
    const v = await kvs.getSecret<string>(secretKey(connectionId));
    return v ?? null;
  }

  async putConnectionSecret(connectionId: string, secret: string): Promise<void> {
    if (typeof secret !== 'string' || secret.length < 16) throw new ForgeAdapterError(`the secret of connection ${connectionId} must be a string of at least 16 characters`);
    await kvs.setSecret(secretKey(connectionId), secret);
  }

  // Transactions cover plain keys and entities, not the secret store, so these are two deletes;
  // each is idempotent, so a retry after a failure in between finishes the job.
  async deleteConnectionSecrets(connectionId: string): Promise<void> {
    await kvs.deleteSecret(secretKey(connectionId));
    await kvs.deleteSecret(invitationKey(connectionId));
  }

  async getPendingInvitation(connectionId: string): Promise<PendingInvitation | null> {
    const v = await kvs.getSecret<PendingInvitation>(invitationKey(connectionId));
    return v ?? null;
  }

  async putPendingInvitation(invitation: PendingInvitation): Promise<void> {
    await kvs.setSecret(invitationKey(requireId('invitation connectionId', invitation?.connectionId)), invitation);
  }
}
