// The licensing switch: off by default; when on, only production invocations without an active license are refused.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { licenseProblem, licensingEnabled } from '../../../src/app/licensing';

const ON = { LIAISON_LICENSING: 'on' };
const prod = (license?: Record<string, unknown>) => ({ environmentType: 'PRODUCTION', ...(license ? { license } : {}) });

describe('licensing switch', () => {
  test('off by default: nothing is checked, even an unlicensed production site', () => {
    assert.equal(licensingEnabled({}), false);
    assert.equal(licensingEnabled({ LIAISON_LICENSING: 'off' }), false);
    assert.equal(licenseProblem(prod(), {}), null);
    assert.equal(licenseProblem(prod({ active: false }), { LIAISON_LICENSING: 'yes' }), null);
  });

  test('on: an active license (or the deprecated isActive) passes; none or an inactive one is refused with a reason', () => {
    assert.equal(licensingEnabled({ LIAISON_LICENSING: ' ON ' }), true);
    assert.equal(licenseProblem(prod({ active: true }), ON), null);
    assert.equal(licenseProblem(prod({ isActive: true }), ON), null);
    assert.match(licenseProblem(prod({ active: false }), ON) ?? '', /license for this site is not active/);
    assert.match(licenseProblem(prod(), ON) ?? '', /no license for this site/);
  });

  test('on: development and staging have no license in Forge, so they are not checked', () => {
    assert.equal(licenseProblem({ environmentType: 'DEVELOPMENT' }, ON), null);
    assert.equal(licenseProblem({ environmentType: 'STAGING' }, ON), null);
    assert.equal(licenseProblem(undefined, ON), null);
  });
});
