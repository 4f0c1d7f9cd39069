// Jira Service Management data on the wire: the request type (by name), the request participants
// (people, by the outgoing rule's privacy), and the SLAs (read-only information for the partner's
// panel, never written into the partner's tracker). Each part carries its own hash, so a message
// holds only the parts that changed and a repeat is recognised.
import { z } from 'zod';
import { hashOf } from '../hash';

/** One SLA as last read: remaining time counts down from `breachAt` while it runs. */
export type SlaReplica = {
  name: string;
  goalMs: number;
  /** running: the clock counts; paused; met / breached: its cycle completed, in time or late. */
  state: 'running' | 'paused' | 'met' | 'breached';
  /** While running: when the goal is (or was) passed; the panel counts down to it. */
  breachAt: number | null;
  /** Remaining (negative: over the goal) at `readAt`; the panel's figure when not running. */
  remainingMs: number;
  readAt: number;
};

export type ParticipantReplica = { displayName: string; email?: string };

export type ServiceDeskReplica = {
  /** null: the issue has no request type. */
  requestType?: { name: string | null; ts: number; hash: string };
  participants?: { people: ParticipantReplica[]; hash: string };
  sla?: { items: SlaReplica[]; hash: string };
};

/** What the tracker read says (absent from a snapshot whose read did not ask). */
export type SnapshotServiceDesk = {
  requestType: string | null;
  participants: { accountId: string; displayName: string; email?: string }[];
  sla: SlaReplica[];
};

const name = z.string().trim().min(1).max(255);
const hash = z.string().regex(/^[0-9a-f]{64}$/);
const slaSchema = z.object({
  name,
  goalMs: z.number().int().min(0).max(10 * 365 * 86_400_000),
  state: z.enum(['running', 'paused', 'met', 'breached']),
  breachAt: z.number().int().nonnegative().nullable(),
  remainingMs: z.number().int().min(-100 * 365 * 86_400_000).max(10 * 365 * 86_400_000),
  readAt: z.number().int().nonnegative(),
});

export const serviceDeskReplicaSchema: z.ZodType<ServiceDeskReplica> = z.object({
  requestType: z.object({ name: name.nullable(), ts: z.number().int().nonnegative(), hash }).optional(),
  participants: z.object({ people: z.array(z.object({ displayName: z.string().max(255), email: z.string().max(320).optional() })).max(100), hash }).optional(),
  sla: z.object({ items: z.array(slaSchema).max(20), hash }).optional(),
});

export const requestTypeHash = (requestType: string | null): string => hashOf({ requestType });

/** Participants as this side sends them: names, and emails only when the outgoing rule shares them. */
export const participantsAsSent = (people: readonly { displayName: string; email?: string }[], withEmail: boolean): ParticipantReplica[] =>
  people.map((p) => (withEmail && p.email ? { displayName: p.displayName, email: p.email } : { displayName: p.displayName }));
export const participantsHash = (people: readonly ParticipantReplica[]): string =>
  hashOf({ participants: [...people].map((p) => ({ displayName: p.displayName, email: p.email?.toLowerCase() })).sort((a, b) => `${a.email ?? ''}${a.displayName}`.localeCompare(`${b.email ?? ''}${b.displayName}`)) });

/**
 * An SLA's identity over time: a running clock's remaining time changes every read and is left out
 * (its `breachAt` says it all), so only a real change (started, paused, met, breached) is sent again.
 */
export const slaHash = (items: readonly SlaReplica[]): string =>
  hashOf({ sla: items.map((s) => ({ name: s.name, goalMs: s.goalMs, state: s.state, breachAt: s.breachAt, remaining: s.state === 'running' ? null : s.remainingMs })) });

/** The pair's service desk state in the ledger (absent until a rule shares any of it). */
export type ServiceDeskState = {
  /** Hashes of the parts as last sent, or as last set here from the partner's (so they never echo). */
  sent?: { requestType?: string; participants?: string; sla?: string };
  /** `ts` of the partner's request type last taken: an older one (a late message) is ignored. */
  partnerRequestTypeTs?: number;
  /** The partner's participants as last taken, to tell who joined and who left. */
  partnerParticipants?: ParticipantReplica[];
  /** The partner's SLAs as last received, shown read-only on the issue panel. */
  partnerSla?: SlaReplica[];
};

/** An SLA as the partner's panel shows it: `projected` when its state was worked out here from its breach time. */
export type SlaView = SlaReplica & { projected?: true };

/**
 * The partner's SLAs as they stand at `now`, without asking the partner. A clock last read running
 * breaches at its breach time, an event JSM raises on no issue, so no message reports it: past that
 * time it is shown breached (by how much, at `now`), marked `projected`, with `readAt` still saying
 * when the partner last read it. Pausing or stopping the clock is an issue change (a status, a
 * public reply), which the partner's Liaison sends; a paused or completed SLA is shown as read.
 */
export function slaAsOf(items: readonly SlaReplica[], now: number): SlaView[] {
  return items.map((s) => (s.state === 'running' && s.breachAt !== null && s.breachAt <= now ? { ...s, state: 'breached', remainingMs: s.breachAt - now, projected: true } : s));
}
