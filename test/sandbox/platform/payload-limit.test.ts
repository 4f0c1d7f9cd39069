// Forge's invocation payload limit binds web-trigger requests and responses, "including body, headers,
// query parameters, and all other metadata" (5 MB; see sandbox/platform/README.md). The sandbox
// refuses both sides past it, so an app that would break on a real site breaks here too.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { WEBTRIGGER_PAYLOAD_LIMIT_BYTES } from '../../../sandbox/platform/webtrigger-call';
import { world, type World } from './harness';

describe('web triggers: the 5 MB invocation payload limit', () => {
  let w: World;
  before(async () => {
    w = await world();
  });
  after(() => w.platform.close());

  const post = (body: string) => {
    const url = new URL(w.globex.webTriggerUrl('inbox'));
    return w.hosts.resolve(url.hostname)!.request({ method: 'POST', path: url.pathname, headers: { 'content-type': 'text/plain' }, body });
  };
  const runs = () => w.globex.recorder.count({ kind: 'invocation', moduleType: 'webtrigger', moduleKey: 'inbox' });

  test('a request over the limit is refused with 413 and the function never runs', async () => {
    const before = runs();
    const res = await post('a'.repeat(WEBTRIGGER_PAYLOAD_LIMIT_BYTES));
    assert.equal(res.status, 413);
    assert.match(res.body ?? '', /invocation payload limit/);
    assert.equal(runs(), before);
  });

  test('the limit counts the request as Forge carries it (JSON, escapes included), not the raw body', async () => {
    // 2.6 MB of backslashes is 5.2 MB once serialised.
    assert.equal((await post('\\'.repeat(2_600_000))).status, 413);
  });

  test('a response over the limit never reaches the caller: a 500 without the body', async () => {
    // The probe echoes its request inside a JSON string, so each backslash costs four bytes on the way back.
    const before = runs();
    const res = await post('\\'.repeat(1_500_000));
    assert.equal(runs(), before + 1, 'the function ran');
    assert.equal(res.status, 500);
    assert.ok((res.body ?? '').length < 1_000, 'no part of the oversized answer is delivered');
  });

  test('just under the limit both ways passes', async () => {
    const res = await post('a'.repeat(2_400_000));
    assert.equal(res.status, 202);
    assert.ok((res.body ?? '').length > 2_400_000);
  });
});
