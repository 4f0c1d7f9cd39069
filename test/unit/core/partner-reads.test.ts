// A partner still on 9e9be9f checks every field key of a replica message and refuses the whole
// message for one it does not know. Time spent (added since) goes only to a partner that announced
// it reads it; everything else in the message is unchanged, and a ServiceNow peer (this app) gets it.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { replicaBodySchema, type ReplicaBody } from '../../../src/core/protocol/envelope';
import { bodyForPartner, withheldParts } from '../../../src/core/sync/partner-reads';
import { forgetSent, gainedParts } from '../../../src/core/sync/resend-parts';
import { PROFILE_ACCEPTS } from '../../../src/core/profile/partner-profile';
import { standardFieldKeys } from '../../../src/core/replica/field-key';
import { newPairRecord } from '../../../src/core/ledger/pair-record';
import { connectionId, localIssueId, pairId, partnerIssueId } from '../../../src/core/ids';
import type { Connection } from '../../../src/core/connection';

// The standard field keys of 9e9be9f (src/core/fields/standard-fields.ts at that commit).
const OLD_KEYS = ['summary', 'description', 'issuetype', 'priority', 'status', 'labels', 'duedate', 'assignee', 'reporter', 'timeoriginalestimate', 'timeestimate', 'components', 'fixVersions', 'versions'] as const;
const oldFieldKey = z.enum(OLD_KEYS);
const oldReceiverTakes = (b: ReplicaBody): boolean =>
  z.partialRecord(oldFieldKey, z.unknown()).safeParse(b.replica.fields).success && z.partialRecord(oldFieldKey, z.unknown()).safeParse(b.clocks).success;

const field = (value: unknown) => ({ value, ts: 5, hash: 'a'.repeat(64) });
const body: ReplicaBody = replicaBodySchema.parse({
  origin: { issueId: '10001', issueKey: 'ACME-1', projectKey: 'ACME' },
  create: false,
  replica: { fields: { summary: field({ kind: 'text', text: 'Printer on fire' }), timespent: field({ kind: 'number', value: 5400 }) }, comments: [], attachments: [] },
  clocks: { summary: { mine: 3, yours: 1 }, timespent: { mine: 2, yours: 0 } },
});
const profile = { name: 'Globex', site: 'https://globex.atlassian.net', contacts: [], catalog: { statuses: [], priorities: [], issueTypes: [] }, updatedAt: 1 };
const jiraPartner = (accepts?: string[]): Pick<Connection, 'partnerKind' | 'partnerProfile'> => ({ partnerKind: 'jira', partnerProfile: { ...profile, ...(accepts ? { accepts } : {}) } });

describe('what an older partner can read', () => {
  test('an old 9e9be9f receiver would refuse the message as it stands', () => {
    assert.equal(oldReceiverTakes(body), false);
  });

  test('a partner that announced nothing gets the message without time spent, and can read it', () => {
    for (const partner of [jiraPartner(), { partnerKind: 'jira' as const }, jiraPartner(['catalog.components'])]) {
      const sent = bodyForPartner(body, partner);
      assert.ok(oldReceiverTakes(sent));
      assert.deepEqual(Object.keys(sent.replica.fields), ['summary']);
      assert.deepEqual(sent.clocks, { summary: { mine: 3, yours: 1 } });
      assert.deepEqual({ ...sent, replica: { ...sent.replica, fields: {} }, clocks: {} }, { ...body, replica: { ...body.replica, fields: {} }, clocks: {} });
    }
  });

  test('a partner on this version announces time spent and gets it; a ServiceNow peer always does', () => {
    assert.ok((PROFILE_ACCEPTS as readonly string[]).includes('field.timespent'));
    assert.deepEqual(bodyForPartner(body, jiraPartner([...PROFILE_ACCEPTS])), body);
    assert.deepEqual(bodyForPartner(body, { partnerKind: 'servicenow' }), body);
  });
});

// The standard field keys before 4705db7 (`git show 4705db7^:src/core/replica/field-key.ts`): such a
// receiver refuses components, versions and estimates; the replica had no service-desk part (zod
// drops it unread: acknowledged and ignored).
const KEYS_4705DB7 = ['summary', 'description', 'issuetype', 'priority', 'status', 'labels', 'duedate', 'assignee', 'reporter'] as const;
const key4705db7 = z.union([z.enum(KEYS_4705DB7), z.string().regex(/^custom:[A-Za-z0-9_.-]{1,64}$/)]);
const takes4705db7 = (b: ReplicaBody): boolean => z.record(key4705db7, z.unknown()).safeParse(b.replica.fields).success && z.record(key4705db7, z.unknown()).safeParse(b.clocks).success;
const h = (c: string) => c.repeat(64);
const full: ReplicaBody = replicaBodySchema.parse({
  origin: { issueId: '10001', issueKey: 'ACME-1', projectKey: 'ACME' },
  create: false,
  replica: {
    fields: {
      summary: field({ kind: 'text', text: 'Printer on fire' }), components: field({ kind: 'options', names: ['Billing'] }), fixVersions: field({ kind: 'options', names: ['1.0'] }),
      timeoriginalestimate: field({ kind: 'number', value: 7200 }), timespent: field({ kind: 'number', value: 5400 }), 'custom:10010': field({ kind: 'text', text: 'PO-7' }),
    },
    comments: [], attachments: [],
    serviceDesk: { requestType: { name: 'Get IT help', ts: 4, hash: h('b') } },
  },
  clocks: { summary: { mine: 1, yours: 0 }, components: { mine: 1, yours: 0 }, timeoriginalestimate: { mine: 1, yours: 0 } },
});

describe('what a partner on each older version reads', () => {
  test('a partner that announced nothing (4705db7^ or 9e9be9f alike) gets the nine first keys and custom fields, no service-desk part', () => {
    const sent = bodyForPartner(full, jiraPartner());
    assert.equal(takes4705db7(full), false);
    assert.ok(takes4705db7(sent));
    assert.deepEqual(Object.keys(sent.replica.fields), ['summary', 'custom:10010']);
    assert.deepEqual(Object.keys(sent.clocks), ['summary']);
    assert.equal(sent.replica.serviceDesk, undefined);
    assert.deepEqual(withheldParts(jiraPartner(), standardFieldKeys), ['timeoriginalestimate', 'timeestimate', 'timespent', 'components', 'fixVersions', 'versions', 'serviceDesk']);
  });

  test('a version that announces (c958759 on) gets estimates, components, versions and the service desk; time spent only once announced', () => {
    const c958759 = jiraPartner(['catalog.components', 'catalog.versions']);
    const sent = bodyForPartner(full, c958759);
    assert.deepEqual(Object.keys(sent.replica.fields), ['summary', 'components', 'fixVersions', 'timeoriginalestimate', 'custom:10010']);
    assert.deepEqual(sent.replica.serviceDesk, full.replica.serviceDesk);
    assert.deepEqual(withheldParts(c958759, standardFieldKeys), ['timespent']);
    assert.deepEqual(gainedParts(jiraPartner(), c958759), ['timeoriginalestimate', 'timeestimate', 'components', 'fixVersions', 'versions', 'serviceDesk']);
    assert.deepEqual(gainedParts(c958759, jiraPartner([...PROFILE_ACCEPTS])), ['timespent']);
    assert.deepEqual(bodyForPartner(full, jiraPartner([...PROFILE_ACCEPTS])), full);
  });

  test('what a pair forgets for a re-send: the parts as sent, never their clocks', () => {
    const pair = {
      ...newPairRecord({ pairId: pairId('p'), connectionId: connectionId('c'), localIssueId: localIssueId('1'), partnerIssueId: partnerIssueId('2'), origin: 'local', createdAt: 0 }),
      fields: { components: { clock: { local: 2, partner: 1 }, winner: { origin: 'local' as const, counter: 2, ts: 3, hash: h('c') }, localHash: h('c'), ownTs: 3 } },
      serviceDesk: { sent: { requestType: h('d') }, partnerSla: [] },
    };
    const forgot = forgetSent(pair, ['components', 'serviceDesk'])!;
    assert.equal(forgot.fields.components?.localHash, '');
    assert.deepEqual(forgot.fields.components?.clock, { local: 2, partner: 1 });
    assert.deepEqual(forgot.serviceDesk, { partnerSla: [] });
    assert.equal(forgetSent(forgot, ['components', 'serviceDesk']), null, 'nothing left to forget: no write');
    const once = forgetSent(pair, ['components'], 'run-1')!;
    assert.equal(once.resentBy, 'run-1');
    const sentAgain = { ...once, fields: { ...once.fields, components: pair.fields.components } };
    assert.equal(forgetSent(sentAgain, ['components'], 'run-1'), null, 'a page delivered twice: the pair is not made to forget again');
    assert.notEqual(forgetSent(sentAgain, ['components'], 'run-2'), null, 'a later re-send does');
  });
});
