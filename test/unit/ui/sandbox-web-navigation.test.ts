// The sandbox bridge's router and theme, as Forge does them: links out are resolved by the host
// (external ones confirmed by the user), and view.theme.enable() gets the host's colour mode.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { answerBridgeCall, frameContext, type Frame } from '../../../sandbox/web/bridge-calls';
import { injectBridge } from '../../../sandbox/web/ui-host';
import { colorModeOf } from '../../../sandbox/web/theme';

const frame = (colorMode?: 'light' | 'dark') =>
  ({ site: { name: 'acme', installation: {} }, module: { key: 'issue-panel', type: 'jira:issuePanel' }, accountId: 'u-1', extension: {}, origin: 'http://127.0.0.1:9000', ...(colorMode ? { colorMode } : {}) }) as unknown as Frame;

describe('sandbox router', () => {
  test('router.open of a partner issue is an external new-tab navigation to exactly that URL', async () => {
    const to = await answerBridgeCall(frame(), 'navigate', { url: 'https://globex.atlassian.net/browse/GLX-7', type: 'new-tab' });
    assert.deepEqual(to, { url: 'https://globex.atlassian.net/browse/GLX-7', type: 'new-tab', external: true });
  });

  test('a relative URL and a navigation location stay in the product (no prompt)', async () => {
    assert.deepEqual(await answerBridgeCall(frame(), 'navigate', { url: '/browse/ACME-1', type: 'same-tab' }), { url: 'http://127.0.0.1:9000/acme/browse/ACME-1', type: 'same-tab', external: false });
    assert.deepEqual(await answerBridgeCall(frame(), 'navigate', { target: 'module', moduleKey: 'admin-page', type: 'same-tab' }), { url: 'http://127.0.0.1:9000/acme/admin?as=u-1', type: 'same-tab', external: false });
  });

  test('what cannot be opened is refused with a reason', async () => {
    await assert.rejects(answerBridgeCall(frame(), 'navigate', { url: 'javascript:alert(1)', type: 'new-tab' }), /javascript: URLs cannot be opened/);
    await assert.rejects(answerBridgeCall(frame(), 'navigate', { url: 'not a url', type: 'new-tab' }), /neither a URL nor a path/);
    await assert.rejects(answerBridgeCall(frame(), 'navigate', { url: 'https://x.example', type: 'popup' }), /same-tab or new-tab/);
    await assert.rejects(answerBridgeCall(frame(), 'navigate', { target: 'dashboard', dashboardId: '1', type: 'same-tab' }), /not emulated/);
  });
});

describe('sandbox theme', () => {
  test('?theme=dark reaches the context and the bridge script that view.theme.enable() reads', () => {
    assert.equal(colorModeOf(new URL('http://h/acme/admin?theme=dark')), 'dark');
    assert.equal(colorModeOf(new URL('http://h/acme/admin?theme=purple')), 'light');
    assert.deepEqual(frameContext(frame('dark')).theme, { colorMode: 'dark' });
    assert.deepEqual(frameContext(frame()).theme, { colorMode: 'light' });
    const page = injectBridge('<html><head></head><body></body></html>', '/acme/__bridge/admin-page', 'dark');
    assert.match(page, /data-color-mode="dark" data-theme-css="\/__sandbox\/theme.css"/);
  });
});
