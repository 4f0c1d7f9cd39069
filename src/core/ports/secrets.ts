// Connection secrets and pending invitations live in the platform's secret storage (Forge: KVS
// secret store), never in ordinary entities.
import type { PendingInvitation } from '../protocol/invitation';

export interface Secrets {
  getConnectionSecret(connectionId: string): Promise<string | null>;
  putConnectionSecret(connectionId: string, secret: string): Promise<void>;
  /** Forgets the secret (and any pending invitation) of a deleted connection. */
  deleteConnectionSecrets(connectionId: string): Promise<void>;
  getPendingInvitation(connectionId: string): Promise<PendingInvitation | null>;
  putPendingInvitation(invitation: PendingInvitation): Promise<void>;
}
