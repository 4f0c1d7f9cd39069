// A connection to one partner site. Contacts answer "who do I call when sync breaks" on each side.
import { z } from 'zod';
import { contactSchema } from './contact';
import { limitOverridesSchema } from './limits/limits';
import { storedProfileSchema } from './profile/partner-profile';

export { contactSchema };

export const connectionSchema = z.object({
  id: z.string().min(1).max(128),
  partnerKind: z.enum(['jira', 'servicenow']),
  /**
   * Where signed messages for the partner go (its web trigger URL or ServiceNow instance). Null
   * only while an invitation waits for the partner's hello: the inviter learns it from the hello.
   */
  partnerEndpoint: z.url().nullable(),
  /** `ended`: the partner deleted its side (it said so, signed); nothing travels, only delete is left. */
  state: z.enum(['pending', 'active', 'paused', 'ended']),
  /** This site's role in the handshake; decides nothing about data flow. */
  role: z.enum(['inviter', 'acceptor']),
  createdBy: z.string().min(1),
  createdAt: z.number().int().nonnegative(),
  contacts: z.object({ local: z.array(contactSchema), partner: z.array(contactSchema) }),
  /** When the partner last answered a health ping (the scheduled trigger sends one). */
  lastExchangeAt: z.number().int().nonnegative().nullable().optional(),
  /** When the partner ended the connection (state `ended`). */
  endedAt: z.number().int().nonnegative().optional(),
  /** Project admins may edit this connection's rules for their own project (project settings page). */
  delegatedProjects: z.array(z.string().min(1)).optional(),
  /** Abuse limits this side's admin changed from the defaults (core/limits); the rest are the defaults. */
  limits: limitOverridesSchema.optional(),
  /** Who the partner is, as it said (signed, at connect or in a `profile` message); absent on older connections until one arrives. */
  partnerProfile: storedProfileSchema.optional(),
  /** Hash of the profile this side last sent the partner: a changed name, contacts or catalog is sent again. */
  profileSentHash: z.string().max(128).optional(),
});

export type { Contact } from './contact';
export type Connection = z.infer<typeof connectionSchema>;
export type ConnectionState = Connection['state'];
