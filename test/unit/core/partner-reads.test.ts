// A partner still on 9e9be9f checks every field key of a replica message and refuses the whole
// message for one it does not know. Time spent (added since) goes only to a partner that announced
// it reads it; everything else in the message is unchanged, and a ServiceNow peer (this app) gets it.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { replicaBodySchema, type ReplicaBody } from '../../../src/core/protocol/envelope';
import { bodyForPartner } from '../../../src/core/sync/partner-reads';
import { PROFILE_ACCEPTS } from '../../../src/core/profile/partner-profile';
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
