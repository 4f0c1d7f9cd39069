// The sandbox bridge's showFlag, as the Forge bridge reference describes it: `id` required, the
// type one of info, success, warning or error; what reaches the host page is plain data.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { answerBridgeCall, type Frame } from '../../../sandbox/web/bridge-calls';

const frame = { site: { name: 'acme', installation: {} }, module: { key: 'admin-page', type: 'jira:adminPage' }, accountId: 'u-1', extension: {}, origin: 'http://127.0.0.1:9000' } as unknown as Frame;

describe('sandbox flags', () => {
  test('a success flag reaches the host page with its title, description and auto-dismiss', async () => {
    const flag = await answerBridgeCall(frame, 'showFlag', { id: 'saved-4', title: 'Rule saved as version 4', description: 'pilot on two issues', type: 'success', isAutoDismiss: true });
    assert.deepEqual(flag, { id: 'saved-4', title: 'Rule saved as version 4', description: 'pilot on two issues', type: 'success', actions: [], isAutoDismiss: true });
  });

  test('appearance wins over type; actions keep their texts only; a flag without options is an info flag', async () => {
    const flag = (await answerBridgeCall(frame, 'showFlag', { id: 7, type: 'info', appearance: 'warning', actions: [{ text: 'Open' }] })) as Record<string, unknown>;
    assert.equal(flag.type, 'warning');
    assert.equal(flag.id, '7');
    assert.deepEqual(flag.actions, ['Open']);
    assert.equal(((await answerBridgeCall(frame, 'showFlag', { id: 'x' })) as { type: string }).type, 'info');
  });

  test('what the reference does not allow is refused', async () => {
    await assert.rejects(answerBridgeCall(frame, 'showFlag', { title: 'no id' }), /"id" must be defined/);
    await assert.rejects(answerBridgeCall(frame, 'showFlag', { id: 'a', type: 'celebration' }), /type must be one of info, success, warning, error/);
    await assert.rejects(answerBridgeCall(frame, 'showFlag', { id: 'a', title: 42 }), /title must be a string/);
    await assert.rejects(answerBridgeCall(frame, 'closeFlag', {}), /"id" is required/);
    assert.deepEqual(await answerBridgeCall(frame, 'closeFlag', { id: 'saved-4' }), { id: 'saved-4' });
  });
});
