// Service desk data: given a rule that shares request type, participants and SLAs, when the request
// changes, then only the changed parts leave (participants by the privacy setting, a running SLA's
// countdown never counted as a change); the receiver maps the request type by name, adds and removes
// only the participants who joined or left, cannot match a person whose email was kept back, and
// keeps the partner's SLAs for its panel only.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { localIssueId } from '../../../src/core/ids';
import { planIncomingServiceDesk } from '../../../src/core/planning/incoming-service-desk';
import { planOutgoingServiceDesk } from '../../../src/core/planning/outgoing-service-desk';
import { settleServiceDesk } from '../../../src/core/sync/apply-service-desk';
import { serviceDeskReplicaSchema, type SlaReplica, type SnapshotServiceDesk } from '../../../src/core/replica/service-desk';
import type { IssueSnapshot } from '../../../src/core/replica/snapshot';
import { parseRule } from '../../../src/core/rules/parse-rule';
import type { SharingRuleInput } from '../../../src/core/rules/schema';

function rule(extra: Partial<SharingRuleInput> = {}) {
  const parsed = parseRule({
    connectionId: 'conn-1', projectKey: 'ALPHA', fields: {},
    outgoing: { serviceDesk: { requestType: true, participants: true, sla: true } },
    incoming: { serviceDesk: { requestType: true, participants: true, requestTypes: { 'Report a bug': 'Bug report' } } },
    ...extra,
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed));
  return parsed.value;
}

const HOUR = 3_600_000;
const running = (readAt: number): SlaReplica => ({ name: 'Time to resolution', goalMs: 8 * HOUR, state: 'running', breachAt: 8 * HOUR, remainingMs: 8 * HOUR - readAt, readAt });
const ada = { accountId: 'a-1', displayName: 'Ada Lovelace', email: 'ada@acme.example' };
const bob = { accountId: 'b-2', displayName: 'Bob Byte', email: 'bob@acme.example' };
const desk = (over: Partial<SnapshotServiceDesk> = {}): SnapshotServiceDesk => ({ requestType: 'Report a bug', participants: [ada], sla: [running(HOUR)], ...over });
const snapshot = (serviceDesk: SnapshotServiceDesk | undefined, updatedAt = 1_000): IssueSnapshot => ({
  id: localIssueId('10001'), key: 'ALPHA-1', projectKey: 'ALPHA', updatedAt, fields: {}, comments: [], attachments: [], ...(serviceDesk ? { serviceDesk } : {}),
});

describe('outgoing service desk data', () => {
  test('request type, participants (names only) and SLAs leave once; the wire schema takes them', () => {
    const first = planOutgoingServiceDesk(snapshot(desk()), rule(), undefined, 2_000);
    assert.equal(first.send?.requestType?.name, 'Report a bug');
    assert.deepEqual(first.send?.participants?.people, [{ displayName: 'Ada Lovelace' }]);
    assert.equal(first.send?.sla?.items[0]?.state, 'running');
    assert.equal(serviceDeskReplicaSchema.safeParse(first.send).success, true);
    const again = planOutgoingServiceDesk(snapshot(desk()), rule(), first.next, 3_000);
    assert.equal(again.send, null, 'nothing changed, nothing leaves');
  });

  test('a running SLA counting down is no change; breached, met or paused is', () => {
    const first = planOutgoingServiceDesk(snapshot(desk()), rule(), undefined, 2_000);
    assert.equal(planOutgoingServiceDesk(snapshot(desk({ sla: [running(3 * HOUR)] })), rule(), first.next, 3_000).send, null);
    const met: SlaReplica = { ...running(4 * HOUR), state: 'met', breachAt: null, remainingMs: 4 * HOUR };
    const sent = planOutgoingServiceDesk(snapshot(desk({ sla: [met] })), rule(), first.next, 4_000).send;
    assert.deepEqual(Object.keys(sent ?? {}), ['sla']);
  });

  test('emails of participants leave only when the rule shares emails', () => {
    const withEmail = rule({ outgoing: { userPrivacy: 'displayNameAndEmail', serviceDesk: { participants: true } } });
    assert.deepEqual(planOutgoingServiceDesk(snapshot(desk()), withEmail, undefined, 2_000).send?.participants?.people, [{ displayName: 'Ada Lovelace', email: 'ada@acme.example' }]);
  });

  test('nothing is sent for a part the rule keeps, nor when the read carried no service desk', () => {
    const onlySla = rule({ outgoing: { serviceDesk: { sla: true } } });
    assert.deepEqual(Object.keys(planOutgoingServiceDesk(snapshot(desk()), onlySla, undefined, 2_000).send ?? {}), ['sla']);
    assert.equal(planOutgoingServiceDesk(snapshot(undefined), rule(), undefined, 2_000).send, null);
  });
});

describe('incoming service desk data', () => {
  const outgoingWithEmail = rule({ outgoing: { userPrivacy: 'displayNameAndEmail', serviceDesk: { requestType: true, participants: true, sla: true } } });
  const sent = (sd: SnapshotServiceDesk, r = outgoingWithEmail) => planOutgoingServiceDesk(snapshot(sd), r, undefined, 2_000).send!;

  test('the request type is mapped by name and recorded as sent (it does not echo back)', () => {
    const { plan, next } = planIncomingServiceDesk(sent(desk()), rule(), undefined);
    assert.equal(plan?.requestType, 'Bug report');
    const echo = planOutgoingServiceDesk(snapshot(desk({ requestType: 'Bug report', participants: [], sla: [] })), rule({ outgoing: { serviceDesk: { requestType: true } } }), next, 3_000);
    assert.equal(echo.send, null);
  });

  test('a late request type (older than the one taken) is ignored', () => {
    const newer = { ...sent(desk()), requestType: { ...sent(desk()).requestType!, ts: 9_000 } };
    const { next } = planIncomingServiceDesk(newer, rule(), undefined);
    assert.equal(planIncomingServiceDesk(sent(desk({ requestType: 'Get IT help' })), rule(), next).plan?.requestType, undefined);
  });

  test('only the participants who joined or left are planned; a person without email is reported, not guessed', () => {
    const first = planIncomingServiceDesk(sent(desk({ participants: [ada] })), rule(), undefined);
    assert.deepEqual(first.plan?.participants, { add: [{ displayName: 'Ada Lovelace', email: 'ada@acme.example' }], remove: [], partnerNow: [{ displayName: 'Ada Lovelace', email: 'ada@acme.example' }], sentWithEmail: false });
    // The partner's list is taken with the apply's commit (settleServiceDesk), not before it.
    assert.equal(first.next?.partnerParticipants, undefined);
    const applied = settleServiceDesk(first.next, { partnerParticipants: first.plan!.participants!.partnerNow });
    const second = planIncomingServiceDesk(sent(desk({ participants: [bob] })), rule(), applied);
    assert.deepEqual(second.plan?.participants?.add, [{ displayName: 'Bob Byte', email: 'bob@acme.example' }]);
    assert.deepEqual(second.plan?.participants?.remove, [{ displayName: 'Ada Lovelace', email: 'ada@acme.example' }]);
    assert.deepEqual(planIncomingServiceDesk(sent(desk({ participants: [bob] })), rule(), first.next).plan?.participants?.add.map((p) => p.displayName), ['Bob Byte'], 'an apply that never committed plans its change again');
    const namesOnly = planIncomingServiceDesk(sent(desk({ participants: [bob] }), rule()), rule(), undefined);
    assert.equal(namesOnly.plan?.participants, undefined);
    assert.deepEqual(namesOnly.errors.map((e) => [e.field, e.value]), [['participants', 'Bob Byte']]);
  });

  test('an explicit user map wins over matching by email', () => {
    const mapped = rule({ incoming: { serviceDesk: { participants: true }, users: { map: { 'ada@acme.example': 'local-ada' } } } });
    assert.deepEqual(planIncomingServiceDesk(sent(desk()), mapped, undefined).plan?.participants?.add, [{ displayName: 'Ada Lovelace', accountId: 'local-ada' }]);
  });

  test('parts the local rule does not accept are dropped and reported; SLAs are kept for the panel, never planned as writes', () => {
    const closed = rule({ incoming: {} });
    const { plan, next, dropped } = planIncomingServiceDesk(sent(desk()), closed, undefined);
    assert.equal(plan, null);
    assert.deepEqual(dropped.map((d) => d.field), ['requestType', 'participants']);
    assert.equal(next?.partnerSla?.[0]?.name, 'Time to resolution');
  });

  test('a part whose hash does not match its value is refused', () => {
    const bad = { ...sent(desk()), requestType: { name: 'Get IT help', ts: 1, hash: sent(desk()).requestType!.hash } };
    const { plan, errors } = planIncomingServiceDesk(bad, rule(), undefined);
    assert.equal(plan?.requestType, undefined);
    assert.equal(errors[0]?.reason, 'content hash does not match the value');
  });
});
