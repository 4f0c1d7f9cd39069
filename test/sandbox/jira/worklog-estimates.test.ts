// How a worklog write moves the remaining estimate (`adjustEstimate`, platform OpenAPI "Add worklog",
// "Update worklog", "Delete worklog"): auto, leave, new with newEstimate, manual with reduceBy (add)
// or increaseBy (delete), and the refusals Jira documents (400: new without newEstimate, manual
// without its amount; manual is not a mode of update). A refused write logs nothing.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { adf, fixture } from './site-fixture';

const H = 3600;

describe('worklog writes and the remaining estimate', () => {
  const f = fixture();
  after(() => f.site.close());
  const issue = 'ACME-2';
  const remaining = async (): Promise<number | null> => (await f.call('GET', `/rest/api/3/issue/${issue}?fields=timeestimate`)).json.fields.timeestimate;
  const count = async (): Promise<number> => (await f.call('GET', `/rest/api/3/issue/${issue}/worklog`)).json.total;
  const log = (query: string, seconds = H) => f.call('POST', `/rest/api/3/issue/${issue}/worklog${query}`, { timeSpentSeconds: seconds, started: '2030-01-07T09:00:00.000+0000', comment: adf('work') });

  test('add: auto reduces by the work, leave keeps it, new sets it (a bare number is minutes), manual reduces by reduceBy', async () => {
    assert.equal((await f.call('PUT', `/rest/api/3/issue/${issue}`, { fields: { timetracking: { originalEstimate: '2d', remainingEstimate: '2d' } } })).status, 204);
    assert.equal((await log('')).status, 201);
    assert.equal(await remaining(), 15 * H);
    assert.equal((await log('?adjustEstimate=leave')).status, 201);
    assert.equal(await remaining(), 15 * H);
    assert.equal((await log('?adjustEstimate=new&newEstimate=5h')).status, 201);
    assert.equal(await remaining(), 5 * H);
    assert.equal((await log('?adjustEstimate=new&newEstimate=90')).status, 201);
    assert.equal(await remaining(), 1.5 * H);
    assert.equal((await log('?adjustEstimate=manual&reduceBy=30m')).status, 201);
    assert.equal(await remaining(), H);
  });

  test('update: auto moves by the difference, new sets it; delete: auto gives the work back, manual adds increaseBy, new sets it', async () => {
    await f.call('PUT', `/rest/api/3/issue/${issue}`, { fields: { timetracking: { remainingEstimate: '10h' } } });
    const id = (await log('?adjustEstimate=leave')).json.id as string;
    assert.equal((await f.call('PUT', `/rest/api/3/issue/${issue}/worklog/${id}`, { timeSpentSeconds: 3 * H })).status, 200);
    assert.equal(await remaining(), 8 * H);
    assert.equal((await f.call('PUT', `/rest/api/3/issue/${issue}/worklog/${id}?adjustEstimate=new&newEstimate=6h`, { timeSpentSeconds: 2 * H })).status, 200);
    assert.equal(await remaining(), 6 * H);
    assert.equal((await f.call('DELETE', `/rest/api/3/issue/${issue}/worklog/${id}`)).status, 204);
    assert.equal(await remaining(), 8 * H);
    const second = (await log('?adjustEstimate=leave')).json.id as string;
    assert.equal((await f.call('DELETE', `/rest/api/3/issue/${issue}/worklog/${second}?adjustEstimate=manual&increaseBy=2h`)).status, 204);
    assert.equal(await remaining(), 10 * H);
    const third = (await log('?adjustEstimate=leave')).json.id as string;
    assert.equal((await f.call('DELETE', `/rest/api/3/issue/${issue}/worklog/${third}?adjustEstimate=new&newEstimate=1h`)).status, 204);
    assert.equal(await remaining(), H);
  });

  test('refused with 400, nothing logged or moved: new without newEstimate, manual without its amount, manual on update, an unknown mode or duration', async () => {
    const before = { worklogs: await count(), remaining: await remaining() };
    for (const query of ['?adjustEstimate=new', '?adjustEstimate=manual', '?adjustEstimate=manual&increaseBy=1h', '?adjustEstimate=sometimes', '?adjustEstimate=new&newEstimate=soon']) {
      assert.equal((await log(query)).status, 400, `POST ${query}`);
    }
    const id = (await log('?adjustEstimate=leave')).json.id as string;
    for (const query of ['?adjustEstimate=manual&reduceBy=1h', '?adjustEstimate=new']) {
      assert.equal((await f.call('PUT', `/rest/api/3/issue/${issue}/worklog/${id}${query}`, { timeSpentSeconds: 2 * H })).status, 400, `PUT ${query}`);
    }
    for (const query of ['?adjustEstimate=manual', '?adjustEstimate=manual&reduceBy=1h', '?adjustEstimate=new']) {
      assert.equal((await f.call('DELETE', `/rest/api/3/issue/${issue}/worklog/${id}${query}`)).status, 400, `DELETE ${query}`);
    }
    assert.equal((await f.call('GET', `/rest/api/3/issue/${issue}/worklog/${id}`)).json.timeSpentSeconds, H, 'the refused updates changed nothing');
    assert.deepEqual({ worklogs: await count(), remaining: await remaining() }, { worklogs: before.worklogs + 1, remaining: before.remaining });
  });
});
