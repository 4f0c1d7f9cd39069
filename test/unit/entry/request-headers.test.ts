// Web trigger header names arrive as the caller spelled them; Liaison reads them in any case.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { headerValue } from '../../../src/entry/webtriggers/request-headers';

describe('reading a web trigger header', () => {
  test('finds the header whatever the case of its name, first value first', () => {
    const fromServiceNow = { 'X-Liaison-Signature': ['sha256=abc', 'sha256=second'], 'Content-Type': ['application/json'] };
    assert.equal(headerValue(fromServiceNow, 'x-liaison-signature'), 'sha256=abc');
    assert.equal(headerValue({ 'x-liaison-signature': ['sha256=low'] }, 'X-Liaison-Signature'), 'sha256=low');
    assert.equal(headerValue({ 'X-LIAISON-TIMESTAMP': ['1700000000'] }, 'x-liaison-timestamp'), '1700000000');
  });

  test('absent, empty or malformed headers read as absent', () => {
    assert.equal(headerValue(undefined, 'x-liaison-signature'), undefined);
    assert.equal(headerValue({}, 'x-liaison-signature'), undefined);
    assert.equal(headerValue({ 'X-Liaison-Signature': [] }, 'x-liaison-signature'), undefined);
    assert.equal(headerValue({ 'X-Liaison-Signature': 'not-an-array' as unknown as string[] }, 'x-liaison-signature'), undefined);
    assert.equal(headerValue({ 'X-Liaison-Signatures': ['x'] }, 'x-liaison-signature'), undefined);
  });
});
