import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { PanelLinkView, PanelView } from '../../../src/shared/resolver-contract';
import {
  describeSyncError,
  linkStatus,
  needsAutoRefresh,
  parsePartnerKey,
  partnerIssueUrl,
  partnerKeyText,
  partnerPlaceLabel,
  partnerPlaceText,
  partnerSiteName,
  sharedSummary,
  termsOf,
} from '../../../static/issue-panel/src/logic/panel-model';

const link = (over: Partial<PanelLinkView> = {}): PanelLinkView => ({
  connectionId: 'c1',
  partner: { kind: 'jira', endpoint: 'https://globex.atlassian.net', issueKey: 'GLX-7', issueId: '10007', url: null, table: null },
  state: 'in-sync',
  lastSentAt: null,
  lastReceivedAt: null,
  errors: [],
  shared: { out: [], in: [] },
  ...over,
});
const view = (over: Partial<PanelView> = {}): PanelView => ({ issue: { id: '1', key: 'ACME-1', projectKey: 'ACME' }, links: [link()], available: [], canAct: true, ...over });

describe('issue panel model', () => {
  test('each sync state has a lozenge and an explanation', () => {
    assert.deepEqual(
      (['in-sync', 'pending', 'failed', 'unlinked'] as const).map((state) => [linkStatus(link({ state })).text, linkStatus(link({ state })).appearance]),
      [['In sync', 'success'], ['Pending', 'inprogress'], ['Failed', 'removed'], ['Not linked', 'default']],
    );
  });

  test('errors read as what, why and what to do', () => {
    const base = { id: 'e1', at: 0, connectionId: 'c1', pairId: 'p', field: 'priority', value: '"Urgent"', reason: 'no such priority' };
    const retryable = describeSyncError({ ...base, retryable: true }, 'Priority');
    assert.equal(retryable.headline, 'Priority: "Urgent" was not applied');
    assert.equal(retryable.reason, 'no such priority');
    assert.match(retryable.action, /Retry/);
    assert.match(describeSyncError({ ...base, retryable: false, value: ' ' }, 'Priority').headline, /an empty value/);
    assert.match(describeSyncError({ ...base, retryable: false }, 'Priority').action, /Jira admin/);
  });

  test('partner links exist only when the endpoint is the partner site', () => {
    assert.equal(partnerIssueUrl(link()), 'https://globex.atlassian.net/browse/GLX-7');
    const jira = { kind: 'jira' as const, table: null };
    assert.equal(partnerIssueUrl(link({ partner: { ...jira, endpoint: 'https://x.hello.atlassian-dev.net/x1/abc', issueKey: 'GLX-7', issueId: null, url: null } })), null);
    assert.equal(partnerIssueUrl(link({ partner: { kind: 'servicenow', table: null, endpoint: 'https://acme.service-now.com', issueKey: 'INC0001', issueId: 'abc', url: null } })), 'https://acme.service-now.com/nav_to.do?uri=task.do%3Fsys_id%3Dabc');
    assert.equal(partnerIssueUrl(link({ partner: { ...jira, endpoint: 'not a url', issueKey: 'GLX-7', issueId: null, url: null } })), null);
    assert.equal(partnerSiteName('https://globex.atlassian.net'), 'globex.atlassian.net');
    assert.equal(partnerSiteName('https://x.hello.atlassian-dev.net/x1/abc'), 'Partner site');
    assert.match(partnerSiteName(null), /waiting/);
  });

  test('the partner issue page the partner reported wins over guessing from its inbox endpoint', () => {
    const partner = { kind: 'jira' as const, table: null, endpoint: 'https://x.hello.atlassian-dev.net/x1/abc', issueKey: 'GLX-7', issueId: '10007', url: 'https://globex.atlassian.net/browse/GLX-7' };
    assert.equal(partnerIssueUrl(link({ partner })), 'https://globex.atlassian.net/browse/GLX-7');
    assert.equal(partnerIssueUrl(link({ partner: { ...partner, url: 'javascript:alert(1)' } })), null, 'only https pages are linked');
    assert.equal(partnerSiteName(partner.url), 'globex.atlassian.net');
  });

  test('auto-refresh runs only while a change is pending', () => {
    assert.equal(needsAutoRefresh(null), false);
    assert.equal(needsAutoRefresh(view()), false);
    assert.equal(needsAutoRefresh(view({ links: [link(), link({ state: 'pending' })] })), true);
  });

  test('shared fields are grouped by direction', () => {
    assert.deepEqual(sharedSummary({ out: ['summary', 'priority', 'labels'], in: ['priority', 'status', 'summary'] }), {
      both: ['priority', 'summary'],
      outOnly: ['labels'],
      inOnly: ['status'],
    });
  });

  // Which actions each state offers: test/unit/ui/panel-states.test.ts.

  test('partner keys are normalised or refused with a reason', () => {
    assert.deepEqual(parsePartnerKey(' glx-12 '), { ok: true, key: 'GLX-12' });
    assert.equal(parsePartnerKey('').ok, false);
    const bad = parsePartnerKey('12');
    assert.ok(!bad.ok && /not an issue key/.test(bad.message));
  });

  describe('a ServiceNow partner', () => {
    const record = (over: Partial<PanelLinkView['partner']> = {}): PanelLinkView =>
      link({ partner: { kind: 'servicenow', endpoint: 'https://initech.service-now.com', issueKey: 'INC0010001', issueId: '0123456789abcdef0123456789abcdef', url: 'https://initech.service-now.com/incident.do?sys_id=0123456789abcdef0123456789abcdef', table: 'incident', ...over } });

    test('is an instance by name and a record of its table, linked to the record itself', () => {
      assert.equal(partnerSiteName('https://initech.service-now.com', 'servicenow'), 'initech (ServiceNow)');
      assert.equal(partnerPlaceLabel(record()), 'ServiceNow instance');
      assert.equal(partnerPlaceLabel(link()), 'Partner');
      assert.equal(partnerPlaceText(record()), 'initech.service-now.com');
      assert.equal(partnerPlaceText(link()), 'globex.atlassian.net');
      assert.equal(partnerIssueUrl(record()), 'https://initech.service-now.com/incident.do?sys_id=0123456789abcdef0123456789abcdef');
      assert.equal(termsOf(record()).item, 'ServiceNow incident');
      assert.equal(termsOf(record({ table: 'change_request' })).item, 'ServiceNow change request');
      assert.equal(termsOf(record({ table: null })).item, 'ServiceNow record');
      assert.equal(partnerKeyText(record({ issueKey: null })), 'ServiceNow incident not created yet');
      assert.match(linkStatus(record()).explanation, /This issue and the ServiceNow incident agree/);
      assert.match(linkStatus({ ...record(), state: 'unlinked' }).explanation, /no longer syncs with the ServiceNow incident/);
    });

    test('record numbers and sys_ids are what an agent links by, not Jira keys', () => {
      const terms = termsOf(record());
      assert.deepEqual(parsePartnerKey(' inc0010042 ', terms), { ok: true, key: 'INC0010042' });
      assert.deepEqual(parsePartnerKey('0123456789ABCDEF0123456789ABCDEF', terms), { ok: true, key: '0123456789abcdef0123456789abcdef' });
      assert.deepEqual(parsePartnerKey('GLX-12', terms), { ok: false, message: '"GLX-12" is not an incident number like INC0010001.' });
      assert.deepEqual(parsePartnerKey('', terms), { ok: false, message: 'Enter the incident number, for example INC0010001.' });
      assert.deepEqual(parsePartnerKey('x', termsOf(record({ table: 'change_request' }))), { ok: false, message: '"x" is not a change request number like CHG0030001.' });
      // Jira wording is unchanged.
      assert.deepEqual(parsePartnerKey('INC0010042'), { ok: false, message: '"INC0010042" is not an issue key like GLX-12.' });
    });
  });
});
