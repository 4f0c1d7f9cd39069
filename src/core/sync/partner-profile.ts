// Telling the partner who this side is, and keeping what the partner told (core/profile). A
// profile travels signed like every message, names its connection (verified with that
// connection's secret, so it can only land there), is bounded by its schema and in bytes, and a
// partner cannot move the site it gave at connect: "mirrored by" links are checked against it.
import type { Connection } from '../connection';
import { hashOf } from '../hash';
import { PROFILE_ACCEPTS, profileFor, sentProfileHash, siteOrigin, type Accepts, type PartnerProfile, type StoredProfile } from '../profile/partner-profile';
import { PROTOCOL_VERSION, type EnvelopeOf } from '../protocol/envelope';
import { signEnvelope } from '../protocol/sign';
import { verifyEnvelope } from '../protocol/verify';
import { err, ok, type Result } from '../result';
import type { SyncDeps } from './deps';
import { accepted, reject, type ReceiveResult } from './responses';
import { describeTransportError } from './retry-policy';
import { gainedParts } from './resend-parts';

/** A profile message larger than this is refused, whatever its schema says (the sender keeps under PROFILE_MAX_BYTES). */
export const PROFILE_MESSAGE_MAX_BYTES = 64 * 1024;

type Deps = Pick<SyncDeps, 'config' | 'secrets' | 'store' | 'transport' | 'clock' | 'ids' | 'profiles' | 'resend'>;

const bytesOf = (raw: string): number => new TextEncoder().encode(raw).length;

/**
 * The partner's profile as this side keeps it. The site is recorded once (at connect, or by the
 * first profile of an older connection); a later profile naming another site keeps the recorded one.
 */
export function storedPartnerProfile(connection: Connection, incoming: PartnerProfile, now: number, accepts?: Accepts): { stored: StoredProfile; note: string | null } {
  const recorded = connection.partnerProfile?.site ?? null;
  const site = siteOrigin(incoming.site) ?? incoming.site;
  const note = recorded && recorded !== site ? `the partner's profile names the site ${site}; the recorded site ${recorded} stays` : null;
  // `accepts` as this message announced it: a message without one comes from a version that reads no optional list.
  // Keys its acks said it drops are remembered while the announcement stands (an upgrade forgets them).
  const before = connection.partnerProfile;
  const ignores = before?.ignores && accepts && hashOf(before.accepts ?? null) === hashOf(accepts) ? before.ignores : undefined;
  return { stored: { ...incoming, site: recorded ?? site, updatedAt: now, ...(accepts ? { accepts } : {}), ...(ignores ? { ignores } : {}) }, note };
}

function describeChange(before: StoredProfile | undefined, after: StoredProfile): string {
  const parts: string[] = [];
  if (!before) return `partner profile received: ${after.name} (${after.site}), ${after.contacts.length} contact(s), ${after.catalog.statuses.length} status(es)`;
  if (before.name !== after.name) parts.push(`name ${before.name} → ${after.name}`);
  if (hashOf(before.contacts) !== hashOf(after.contacts)) parts.push(`contacts (${after.contacts.length})`);
  if (hashOf(before.catalog) !== hashOf(after.catalog)) parts.push('values (statuses, priorities, issue types, components, versions)');
  return parts.length ? `partner profile updated: ${parts.join(', ')}` : '';
}

/**
 * Keeps the partner's profile on the connection (re-read, so a concurrent change is not lost) and
 * audits what changed. A partner that now reads parts this side withheld from it (it upgraded) gets
 * their current state for each of its pairs (resend-parts.ts).
 */
export async function recordPartnerProfile(deps: Pick<Deps, 'config' | 'store' | 'clock' | 'ids' | 'resend'>, connectionId: string, incoming: PartnerProfile, accepts?: Accepts): Promise<Connection | null> {
  const current = await deps.config.getConnection(connectionId);
  if (!current) return null;
  const now = deps.clock.now();
  const { stored, note } = storedPartnerProfile(current, incoming, now, accepts);
  // The partner's own contacts are the people to call there: they replace what was typed here for it.
  const next: Connection = { ...current, partnerProfile: stored, contacts: { ...current.contacts, partner: stored.contacts } };
  await deps.config.putConnection(next);
  const detail = [describeChange(current.partnerProfile, stored), note].filter(Boolean).join('; ');
  if (detail) await deps.store.appendAudit({ id: deps.ids.newId(), at: now, connectionId, actor: 'partner', action: note ? 'message-refused' : 'connection-changed', subject: connectionId, detail });
  const gained = gainedParts(current, next);
  if (gained.length > 0 && deps.resend && current.state !== 'pending') {
    await deps.resend.start(connectionId, gained);
    await deps.store.appendAudit({ id: deps.ids.newId(), at: now, connectionId, actor: 'sync', action: 'connection-changed', subject: connectionId, detail: `the partner now reads ${gained.join(', ')}: sent again for every linked issue` });
  }
  return next;
}

/** A signed `profile` message for the connection: `profile` as profileFor made it for the partner, and what this side reads. */
export function profileMessage(connectionId: string, profile: PartnerProfile, reply: boolean, secret: string, input: { now: number; messageId: string }): string {
  const env: EnvelopeOf<'profile'> = {
    v: PROTOCOL_VERSION, connectionId, messageId: input.messageId, pairId: null, seq: null, sentAt: input.now, kind: 'profile',
    body: { profile, reply, accepts: [...PROFILE_ACCEPTS] },
  };
  return signEnvelope(env, secret);
}

/** The receiving side (receive-message.ts dispatches here once the message is verified and fresh). */
export async function receiveProfile(deps: Deps, connection: Connection, env: EnvelopeOf<'profile'>, raw: string, secret: string): Promise<ReceiveResult> {
  if (bytesOf(raw) > PROFILE_MESSAGE_MAX_BYTES) return reject('oversize', `a profile message may be at most ${PROFILE_MESSAGE_MAX_BYTES} bytes`);
  if (connection.partnerKind !== 'jira') return reject('unexpected-kind', 'this connection is to a ServiceNow instance');
  const updated = (await recordPartnerProfile(deps, connection.id, env.body.profile, env.body.accepts)) ?? connection;
  if (!env.body.reply) return accepted('{}');
  const own = deps.profiles ? await deps.profiles.local(updated) : null;
  if (!own) return accepted('{}');
  const sent = profileFor(own, env.body.accepts);
  const answer = profileMessage(connection.id, sent, false, secret, { now: deps.clock.now(), messageId: deps.ids.newId() });
  await deps.config.putConnection({ ...updated, profileSentHash: sentProfileHash(sent) });
  return accepted(answer);
}

export type ProfileSendOutcome = { sent: boolean; received: boolean };

/**
 * Sends this side's profile (when it changed since the last one the partner took, or always with
 * `force`) and, with `ask`, takes the partner's answer: its own profile, verified like any message.
 */
export async function sendProfile(deps: Deps, connectionId: string, options: { force?: boolean; ask?: boolean } = {}): Promise<Result<ProfileSendOutcome, 'not-active' | 'unreachable' | 'refused'>> {
  const connection = await deps.config.getConnection(connectionId);
  const secret = await deps.secrets.getConnectionSecret(connectionId);
  if (!connection || connection.partnerKind !== 'jira' || connection.state === 'pending' || connection.state === 'ended' || !connection.partnerEndpoint || !secret) {
    return err('not-active', `connection ${connectionId} is not connected to a Jira partner`);
  }
  const own = deps.profiles ? await deps.profiles.local(connection) : null;
  if (!own) return err('not-active', 'this side has no profile to send');
  const partnerAccepts = connection.partnerProfile?.accepts;
  const profile = profileFor(own, partnerAccepts);
  const hash = sentProfileHash(profile);
  const mustAsk = options.ask === true || connection.partnerProfile === undefined;
  if (!options.force && !mustAsk && connection.profileSentHash === hash) return ok({ sent: false, received: false });
  // Going anyway: a partner that never said what it reads is asked, so an upgraded one answers with its announcement.
  const ask = mustAsk || partnerAccepts === undefined;
  const first = await deliver(deps, connection, secret, profile, ask);
  if (!first.ok) return first;
  const received = ask ? await takeReply(deps, connectionId, first.value, secret) : false;
  // The answer announced lists this message left out (both sides just upgraded): they go now, once.
  const learned = received ? (await deps.config.getConnection(connectionId))?.partnerProfile?.accepts : undefined;
  const more = learned ? profileFor(own, learned) : null;
  if (more && sentProfileHash(more) !== hash) await deliver(deps, connection, secret, more, false);
  return ok({ sent: true, received });
}

/** Sends one profile message and notes its hash as the partner's; the answer's body on success. */
async function deliver(deps: Deps, connection: Connection, secret: string, profile: PartnerProfile, ask: boolean): Promise<Result<string, 'unreachable' | 'refused'>> {
  const raw = profileMessage(connection.id, profile, ask, secret, { now: deps.clock.now(), messageId: deps.ids.newId() });
  const sent = await deps.transport.send(connection.partnerEndpoint!, raw);
  if (!sent.ok) {
    const refused = sent.error.kind === 'http' && sent.error.status < 500 && sent.error.status !== 429 && sent.error.status !== 409;
    return err(refused ? 'refused' : 'unreachable', `the partner did not take the profile: ${describeTransportError(sent.error)}`);
  }
  const current = (await deps.config.getConnection(connection.id)) ?? connection;
  await deps.config.putConnection({ ...current, profileSentHash: sentProfileHash(profile) });
  return ok(sent.body);
}

/** The partner's answer to `ask`: a signed profile for this very connection, or nothing worth keeping. */
async function takeReply(deps: Deps, connectionId: string, body: string, secret: string): Promise<boolean> {
  if (!body || body === '{}' || bytesOf(body) > PROFILE_MESSAGE_MAX_BYTES) return false;
  const verified = verifyEnvelope(body, { now: deps.clock.now(), seen: () => false, secretFor: (c) => (c === connectionId ? secret : undefined) });
  if (!verified.ok || verified.value.kind !== 'profile') return false;
  if (!(await deps.store.rememberMessage(connectionId, verified.value.messageId, deps.clock.now() + 10 * 60 * 1000))) return false;
  await recordPartnerProfile(deps, connectionId, verified.value.body.profile, verified.value.body.accepts);
  return true;
}
