// The manifest is checked offline by Atlassian's own validator, the same code `forge lint` and
// `forge deploy` run, so a manifest that Forge would refuse fails here first.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { appRoot } from '../support/paths';

const require = createRequire(import.meta.url);
type Issue = { message: string; level?: string; line?: number };
type Result = { success: boolean; errors?: Issue[] };
type Processor = { process(path: string): Promise<Result> };
const manifestLib = require('@forge/manifest') as {
  validate(basic: boolean, path: string): Promise<Result>;
  ProcessorBuilder: { instance(): { withValidation(type: string): { build(): Processor } } };
  ValidationTypes: Record<string, string>;
};

const manifestPath = join(appRoot, 'manifest.yml');
const errorsOf = (r: Result) => (r.errors ?? []).filter((e) => (e.level ?? 'error') === 'error');
const describeErrors = (r: Result) => errorsOf(r).map((e) => `line ${e.line}: ${e.message}`).join('\n');

describe('manifest.yml', () => {
  test('passes full validation by @forge/manifest', async () => {
    const result = await manifestLib.validate(false, manifestPath);
    assert.equal(result.success, true, describeErrors(result));
  });

  test('every product trigger event has the scope it needs', async () => {
    const type = manifestLib.ValidationTypes.PRODUCT_TRIGGER;
    assert.ok(type, 'this @forge/manifest version has no product-trigger validation');
    const result = await manifestLib.ProcessorBuilder.instance().withValidation(type).build().process(manifestPath);
    assert.equal(result.success, true, describeErrors(result));
  });

  test('the product-trigger check does catch a missing scope (guards the test above)', async () => {
    const type = manifestLib.ValidationTypes.PRODUCT_TRIGGER ?? 'product-trigger';
    const bad = join(appRoot, 'test/fixtures/manifests/trigger-without-scope/manifest.yml');
    const result = await manifestLib.ProcessorBuilder.instance().withValidation(type).build().process(bad);
    assert.equal(result.success, false);
    assert.match(describeErrors(result), /read:jira-work/);
  });
});
