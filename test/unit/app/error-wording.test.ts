// Errors in the words of the person who can fix them: real stored reasons (as the planners, the
// sender and the partner's answers write them) in, one plain sentence out.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { contactText, partnerAnswer, wordError, type ErrorParty } from '../../../src/app/error-wording';
import { unknownFieldError } from '../../../src/core/protocol/unknown-fields';
import { IGNORED_FIELD_REASON } from '../../../src/core/sync/partner-reads';

const globex: ErrorParty = { name: 'Globex', kind: 'jira', contacts: [{ name: 'Globex Watcher', role: 'informed', email: 'watch@globex.example' }, { name: 'Globex Service Lead', role: 'accountable', email: 'lead@globex.example' }] };
const unnamed: ErrorParty = { name: null, kind: 'jira', contacts: [] };

/** Nothing a person cannot act on: no sequence numbers, HTTP codes, JSON or "local" for the partner. */
function assertPlain(text: string) {
  assert.doesNotMatch(text, /#\d|HTTP|\d{3}:|[{}]|replica|\blocal\b/i, text);
}

describe('error wording', () => {
  test('the partner rule has no account for a person: the partner must fix it, named with its accountable contact', () => {
    const w = wordError({ field: 'partner:assignee', value: 'Acme Agent Two', reason: 'no local account for "Acme Agent Two" and no default account in the rule', retryable: true }, globex);
    assert.equal(w.what, 'Globex must fix this: their rule has no account for Acme Agent Two — contact Globex Service Lead (lead@globex.example).');
    assert.equal(w.fixBy, 'partner');
    assert.equal(w.title, "Assignee was not applied on Globex's side");
    assert.equal(w.retryable, true);
    assert.equal(w.retryHint, 'Retry once Globex has fixed it.');
    assert.equal(w.contact, 'Globex Service Lead (lead@globex.example)');
    assertPlain(w.what);
  });

  test('the same refusal on this side is ours to fix, and Retry cannot help (the partner sends the value again)', () => {
    const w = wordError({ field: 'assignee', value: 'Globex Agent', reason: 'no local account for "Globex Agent" and no default account in the rule', retryable: false }, globex);
    assert.equal(w.what, 'A Jira admin here must fix this: our rule has no account for Globex Agent.');
    assert.equal(w.fixBy, 'us');
    assert.equal(w.retryable, false);
    assert.equal(w.contact, undefined);
  });

  test('a priority the partner lacks names the value and the value map', () => {
    const w = wordError({ field: 'partner:priority', value: '"Highest"', reason: '"Highest" is not an allowed option (High, Medium, Low)', retryable: true }, globex);
    assert.match(w.what, /^Globex must fix this: their priority has no value "Highest" \(their rule needs a value map for it\)/);
    assert.equal(w.cause, 'value-not-allowed');
  });

  test('a delivery the partner refused: the partner answer is read, not shown', () => {
    const reason = 'permanent error: HTTP 422: {"error":"create-refused","message":"no sharing rule here accepts issues created by the partner"}';
    const w = wordError({ field: 'message', value: 'replica #1', reason, retryable: true }, globex);
    assert.equal(w.title, 'A change was not delivered to Globex');
    assert.equal(w.what, 'Globex must fix this: their sharing rule does not accept new issues from us, so the issue was not created there — contact Globex Service Lead (lead@globex.example).');
    assert.equal(w.retryable, true);
    assertPlain(`${w.title} ${w.what}`);
  });

  test('an unanswered partner: Retry helps now; an ended connection: Retry is not offered', () => {
    const down = wordError({ field: 'message', value: 'replica #4', reason: 'gave up after 11 attempts: HTTP 503: unavailable', retryable: true }, globex);
    assert.equal(down.cause, 'partner-unreachable');
    assert.equal(down.retryHint, 'Retry sends the change again.');
    assert.equal(down.retryable, true);
    const ended = wordError({ field: 'message', value: 'replica #5', reason: 'permanent error: HTTP 410: the partner ended this connection', retryable: true }, globex);
    assert.equal(ended.retryable, false);
    assert.equal(ended.fixBy, 'nobody');
    assert.equal(ended.what, 'Globex ended the connection; nothing is sent any more.');
  });

  test('a text cut to Jira limit is a notice nobody must fix', () => {
    const reason = "is 40,000 characters, the limit here is 32,767: cut to fit, marked as cut (the full text stays on the partner's issue)";
    const w = wordError({ field: 'description', value: 'long', reason, retryable: false }, globex);
    assert.equal(w.fixBy, 'nobody');
    assert.equal(w.what, "The description was cut to 32,767 characters, the most Jira holds here; the full text stays on Globex's issue.");
    assertPlain(w.what);
  });

  test('without a partner name or contacts the sentence still says who acts', () => {
    const w = wordError({ field: 'partner:status', value: 'Shipped', reason: 'no transition reaches "Shipped" from "Open"', retryable: true }, unnamed);
    assert.equal(w.what, 'The partner must fix this: their workflow has no way from "Open" to "Shipped" — contact the partner\'s Jira admin.');
    assert.equal(w.partnerName, undefined);
  });

  test('an unknown reason from the partner keeps its words but says "their" for its side', () => {
    const w = wordError({ field: 'partner:custom:10020', value: 'x', reason: 'the local field is locked here', retryable: false }, globex, 'Customer Reference');
    assert.equal(w.what, 'Globex must fix this: "x": their field is locked on their side — contact Globex Service Lead (lead@globex.example).');
    assert.equal(w.retryable, false);
  });

  test('the partner answer parser and the contact choice', () => {
    assert.deepEqual(partnerAnswer('permanent error: HTTP 401: {"error":"bad-signature","message":"signature does not match"}'), { status: 401, code: 'bad-signature', message: 'signature does not match', gaveUp: false });
    assert.deepEqual(partnerAnswer('network: connect ECONNREFUSED'), { status: null, code: null, message: null, gaveUp: false });
    assert.equal(contactText([]), undefined);
    assert.equal(contactText(globex.contacts), 'Globex Service Lead (lead@globex.example)');
  });
  test('partners on different versions: a field one side does not know is named, with who upgrades', () => {
    const here = wordError({ field: 'storyPoints', value: '', reason: unknownFieldError('storyPoints').reason, retryable: false }, globex);
    assert.equal(here.cause, 'unknown-field');
    assert.equal(here.what, "A Jira admin here must fix this: Globex's Liaison is newer and sends storyPoints, which Liaison here does not know yet; upgrade Liaison here to take it.");
    const there = wordError({ field: 'partner:timespent', value: '', reason: IGNORED_FIELD_REASON, retryable: false }, globex);
    assert.equal(there.title, 'Time spent is not sent to Globex');
    assert.match(there.what, /^Globex must fix this: Globex's Liaison is an older version that does not read time spent; it is sent again once they upgrade/);
    assert.equal(there.retryable, false);
    assertPlain(here.what);
    assertPlain(there.what);
  });
});
