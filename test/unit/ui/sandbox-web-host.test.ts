import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { html } from '../../../sandbox/web/html';
import { injectBridge } from '../../../sandbox/web/ui-host';
import { moduleOfType, readUiModules } from '../../../sandbox/web/ui-modules';

describe('sandbox web hosting', () => {
  test('the bridge script is loaded ahead of the app, as a file (no inline script)', () => {
    const page = '<!doctype html><html><head>\n<script type="module" src="./assets/app.js"></script></head><body></body></html>';
    const out = injectBridge(page, '/acme/__bridge/panel?as=a&issue="x"');
    assert.ok(out.indexOf('/__sandbox/forge-bridge.js') < out.indexOf('./assets/app.js'));
    assert.match(out, /data-endpoint="\/acme\/__bridge\/panel\?as=a&amp;issue=&quot;x&quot;"/);
    assert.throws(() => injectBridge('<html><body></body></html>', '/x'), /no <head>/);
  });

  test('modules and their resources come from the manifest, looked up by type', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ui-modules-'));
    writeFileSync(
      join(dir, 'manifest.yml'),
      ['modules:', '  jira:issuePanel:', '    - key: my-panel', '      resource: p', '      title: Mine', '  function:', '    - key: f', '      handler: index.f', 'resources:', '  - key: p', '    path: static/p/build'].join('\n'),
    );
    const modules = readUiModules(dir);
    assert.deepEqual(modules, [{ key: 'my-panel', type: 'jira:issuePanel', title: 'Mine', resourceDir: join(dir, 'static/p/build') }]);
    assert.equal(moduleOfType(modules, 'jira:issuePanel')?.key, 'my-panel');
    assert.equal(moduleOfType(modules, 'jira:adminPage'), undefined);
    writeFileSync(join(dir, 'manifest.yml'), ['modules:', '  jira:adminPage:', '    - key: a', '      resource: missing'].join('\n'));
    assert.throws(() => readUiModules(dir), /module a names resource "missing", which manifest.yml does not declare/);
  });

  test('page templates escape every value', () => {
    assert.equal(html`<p title="${'"x"'}">${'<b>&'}</p>${[html`<i>${'<'}</i>`]}`.html, '<p title="&quot;x&quot;">&lt;b&gt;&amp;</p><i>&lt;</i>');
  });
});
