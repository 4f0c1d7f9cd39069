// A connection to one partner site. Contacts answer "who do I call when sync breaks" on each side.
import { z } from 'zod';
import { limitOverridesSchema } from './limits/limits';

export const contactSchema = z.object({
  name: z.string().min(1).max(255),
  role: z.enum(['accountable', 'responsible', 'informed']),
  email: z.email(),
});

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
});

export type Contact = z.infer<typeof contactSchema>;
export type Connection = z.infer<typeof connectionSchema>;
export type ConnectionState = Connection['state'];
