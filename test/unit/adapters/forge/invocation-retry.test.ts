// A trigger or consumer asks Forge for a retry within Forge's bounds, naming an upstream rate limit.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { InvocationErrorCode, type InvocationError } from '@forge/events';
import { retryInvocation } from '../../../../src/adapters/forge/invocation-retry';

const optionsOf = (e: InvocationError) => (e as unknown as { retryOptions: { retryAfter: number; retryReason: string } }).retryOptions;

describe('retryInvocation', () => {
  test('rounds the wait up to whole seconds and asks for an ordinary retry', () => {
    const e = retryInvocation(12.2);
    // The SDK's constructor returns its JSON form, which is what Forge reads.
    assert.equal((e as unknown as { _retry: boolean })._retry, true);
    assert.deepEqual(optionsOf(e), { retryAfter: 13, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST });
  });

  test('keeps the wait between Forge\'s 1 s and 900 s', () => {
    assert.equal(optionsOf(retryInvocation(0.01)).retryAfter, 1);
    assert.equal(optionsOf(retryInvocation(-5)).retryAfter, 1);
    assert.equal(optionsOf(retryInvocation(3_600)).retryAfter, 900);
    assert.equal(optionsOf(retryInvocation(Number.NaN)).retryAfter, 900);
  });

  test('an upstream rate limit is named as such', () => {
    assert.equal(optionsOf(retryInvocation(60, true)).retryReason, InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED);
  });
});
