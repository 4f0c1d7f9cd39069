// An incident as the Table API returns it → the core's snapshot; planned edits → a PATCH body.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeDoc } from '../../../../src/core/richtext/normalize';
import type { FieldEdit } from '../../../../src/core/planning/change-plan';
import { readColumns } from '../../../../src/adapters/servicenow/record-columns';
import { commentPatch, editsToPatch, peopleToResolve } from '../../../../src/adapters/servicenow/record-patch';
import { recordToSnapshot } from '../../../../src/adapters/servicenow/record-snapshot';
import { attachmentMetaSchema, journalEntrySchema } from '../../../../src/adapters/servicenow/servicenow-schemas';
import { ServiceNowApiError } from '../../../../src/adapters/servicenow/servicenow-errors';
import { attachments, INCIDENT_ID, incident, INSTANCE, journal } from './support/records';

const input = {
  instanceUrl: INSTANCE,
  table: 'incident',
  record: incident,
  journal: journal.map((j) => journalEntrySchema.parse(j)),
  attachments: attachments.map((a) => attachmentMetaSchema.parse(a)),
  fields: ['summary', 'description', 'status', 'priority', 'assignee', 'labels', 'custom:u_vendor_ref', 'custom:impact'] as const,
};
const edit = (field: FieldEdit['field'], value: FieldEdit['value']): FieldEdit => ({ field, value, partnerField: field });

describe('recordToSnapshot', () => {
  test('fields, keys and links of an incident', () => {
    const s = recordToSnapshot({ ...input, fields: [...input.fields] });
    assert.equal(s.id, INCIDENT_ID);
    assert.equal(s.key, 'INC0010001');
    assert.equal(s.projectKey, 'incident');
    assert.equal(s.url, `${INSTANCE}/incident.do?sys_id=${INCIDENT_ID}`);
    assert.equal(s.updatedAt, Date.UTC(2025, 5, 2, 9, 1, 30), 'the stored UTC value, not the display time');
    assert.deepEqual(s.fields.summary?.value, { kind: 'text', text: "Can't access SFA software" });
    assert.deepEqual(s.fields.status?.value, { kind: 'option', name: 'In Progress' });
    assert.deepEqual(s.fields.priority?.value, { kind: 'option', name: '2 - High' });
    assert.deepEqual(s.fields['custom:impact']?.value, { kind: 'option', name: '1 - High' });
    assert.deepEqual(s.fields['custom:u_vendor_ref']?.value, { kind: 'text', text: 'VR-77' });
    assert.equal('labels' in s.fields, false, 'ServiceNow records have no labels');
    const description = s.fields.description?.value;
    assert.equal(description?.kind, 'rich');
    assert.equal(description?.kind === 'rich' && description.doc.content.length, 2);
  });

  test('the assignee is a name, with the email only when the rule shares it, never a sys_id', () => {
    assert.deepEqual(recordToSnapshot({ ...input, fields: ['assignee'] }).fields.assignee?.value, { kind: 'user', displayName: 'Beth Anglin' });
    assert.deepEqual(recordToSnapshot({ ...input, fields: ['assignee'], includeEmail: true }).fields.assignee?.value, { kind: 'user', displayName: 'Beth Anglin', email: 'beth.anglin@example.com' });
    const bare = recordToSnapshot({ ...input, record: { ...incident, assigned_to: { value: '', display_value: '' } }, fields: ['assignee'] });
    assert.deepEqual(bare.fields.assignee?.value, { kind: 'empty' });
  });

  test('without display values, choices fall back to ServiceNow\'s default labels', () => {
    const plain = { sys_id: INCIDENT_ID, number: 'INC0010001', state: '6', priority: '4', sys_updated_on: '2025-06-02 09:01:30' };
    const s = recordToSnapshot({ ...input, record: plain, fields: ['status', 'priority'] });
    assert.deepEqual(s.fields.status?.value, { kind: 'option', name: 'Resolved' });
    assert.deepEqual(s.fields.priority?.value, { kind: 'option', name: '4 - Low' });
  });

  test('comments are public, work notes internal; [code] entries read as rich text', () => {
    const [c, w] = recordToSnapshot(input as never).comments;
    assert.deepEqual({ id: c!.id, internal: c!.internal, author: c!.author, at: c!.updatedAt }, { id: journal[0]!.sys_id, internal: false, author: { displayName: 'beth.anglin' }, at: Date.UTC(2025, 5, 2, 8, 55) });
    assert.equal(w!.internal, true);
    assert.deepEqual(normalizeDoc(w!.body).content, [{ type: 'paragraph', content: [
      { type: 'text', text: 'Checked the ' }, { type: 'text', text: 'load balancer', marks: [{ type: 'strong' }] }, { type: 'text', text: ': pool ' },
      { type: 'text', text: 'sfa-2', marks: [{ type: 'code' }] }, { type: 'text', text: ' is down.' },
    ] }]);
  });

  test('attachments point at their download link', () => {
    assert.deepEqual(recordToSnapshot(input as never).attachments, [{ id: '615ea769c0a80166001cf5f2367302f5', filename: 'screenshot.png', mimeType: 'image/png', size: 462, ref: attachments[0]!.download_link }]);
  });

  test('a record read without sys_id is a clear error', () => {
    assert.throws(() => recordToSnapshot({ ...input, record: { number: 'INC1' }, fields: [] }), /no sys_id/);
  });

  test('readColumns asks for the system columns, the mapped ones and dot-walked emails', () => {
    assert.deepEqual(readColumns(['summary', 'assignee', 'labels', 'custom:u_vendor_ref'], true), ['sys_id', 'number', 'sys_updated_on', 'sys_updated_by', 'sys_mod_count', 'short_description', 'assigned_to', 'assigned_to.email', 'u_vendor_ref']);
  });
});

describe('editsToPatch', () => {
  test('summary, description as plain text, state by label, custom columns', () => {
    const doc = { type: 'doc' as const, content: [{ type: 'paragraph' as const, content: [{ type: 'text' as const, text: 'Reboot ' }, { type: 'text' as const, text: 'now', marks: [{ type: 'strong' as const }] }] }] };
    const p = editsToPatch([
      edit('summary', { kind: 'text', text: 'Printer on fire' }),
      edit('description', { kind: 'rich', doc }),
      edit('status', { kind: 'option', name: 'implement' }),
      edit('custom:u_vendor_ref', { kind: 'number', value: 77 }),
    ], { table: 'change_request' });
    // A change request's own states, not incident's.
    assert.deepEqual(p.body, { short_description: 'Printer on fire', description: 'Reboot now', state: '-1', u_vendor_ref: '77' });
    assert.deepEqual(p.stored.status, { kind: 'option', name: 'Implement' });
    assert.deepEqual(p.stored.description, { kind: 'rich', doc: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Reboot now' }] }] } }, 'what ServiceNow keeps, so the loss is not seen as an edit');
    assert.deepEqual(p.columns, { short_description: 'summary', description: 'description', state: 'status', u_vendor_ref: 'custom:u_vendor_ref' });
  });

  test('on incident a priority is written as the impact and urgency that yield it', () => {
    const p = editsToPatch([edit('priority', { kind: 'option', name: '2 - High' })], { table: 'incident' });
    assert.deepEqual(p.body, { impact: '1', urgency: '2', priority: '2' });
    assert.deepEqual(editsToPatch([edit('priority', { kind: 'option', name: '4 - Low' })], { table: 'change_request' }).body, { priority: '4' });
  });

  test('an HTML column takes HTML', () => {
    const doc = { type: 'doc' as const, content: [{ type: 'paragraph' as const, content: [{ type: 'text' as const, text: 'x', marks: [{ type: 'em' as const }] }] }] };
    assert.deepEqual(editsToPatch([edit('custom:u_notes', { kind: 'rich', doc })], { table: 'incident', htmlColumns: ['u_notes'] }).body, { u_notes: '<p><em>x</em></p>' });
  });

  test('people by email, resolved beforehand', () => {
    const edits = [edit('assignee', { kind: 'user', displayName: 'Beth', email: 'Beth.Anglin@example.com' })];
    assert.deepEqual(peopleToResolve(edits), ['beth.anglin@example.com']);
    const users = new Map([['beth.anglin@example.com', { sysId: '46d44a23a9fe19810012d100cca80666', name: 'Beth Anglin' }]]);
    const p = editsToPatch(edits, { table: 'incident', users });
    assert.deepEqual(p.body, { assigned_to: '46d44a23a9fe19810012d100cca80666' });
    assert.deepEqual(editsToPatch([edit('assignee', { kind: 'empty' })], { table: 'incident' }).body, { assigned_to: '' });
  });

  test('what ServiceNow cannot take is refused, naming the field and why', () => {
    const refused = (e: FieldEdit, re: RegExp) => assert.throws(() => editsToPatch([e], { table: 'incident' }), (err: unknown) => err instanceof ServiceNowApiError && !err.transient && err.field === e.field && re.test(err.message));
    refused(edit('labels', { kind: 'options', names: ['vip'] }), /labels: ServiceNow records have no such field/);
    refused(edit('status', { kind: 'option', name: 'Done' }), /status: "Done" is not a state choice in ServiceNow \(allowed: New, In Progress, On Hold, Resolved, Closed, Canceled\)/);
    refused(edit('assignee', { kind: 'user', displayName: 'Beth' }), /finds people by email/);
    refused(edit('assignee', { kind: 'user', displayName: 'Beth', email: 'nobody@example.com' }), /no active ServiceNow user has the email nobody@example.com/);
    refused(edit('custom:comments', { kind: 'text', text: 'x' }), /journal field/);
  });
});

describe('commentPatch', () => {
  test('public comments go to comments, internal ones to work_notes, opening with the author', () => {
    const body = { type: 'doc' as const, content: [{ type: 'paragraph' as const, content: [{ type: 'text' as const, text: 'Rebooted the pool.' }] }] };
    assert.deepEqual(commentPatch({ body, internal: false, author: { displayName: 'Ann (Acme)' } }), { comments: 'Ann (Acme) wrote:\n\nRebooted the pool.' });
    assert.deepEqual(Object.keys(commentPatch({ body, internal: true, author: { displayName: 'Ann' } })), ['work_notes']);
  });
});
