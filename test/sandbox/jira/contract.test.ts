// Contract test: every response the emulator serves must validate against the Jira OpenAPI schema for its
// path/method/status, and request bodies the spec rejects must be rejected with 400. Adding an endpoint
// means adding a row to one of the two tables below.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { adf, fixture, type Fixture } from './site-fixture';

const specPath =
  process.env.LIAISON_JIRA_OPENAPI ?? new URL('../../../../shared/contracts/jira-platform-openapi.json', import.meta.url).pathname;
const spec = JSON.parse(readFileSync(specPath, 'utf8')) as {
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: unknown }> }; responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>>;
  components: { schemas: Record<string, Record<string, unknown>> };
};

// Known defects of the published spec, each contradicted by the spec's own example and by real Jira:
const components = structuredClone(spec.components);
// 1. ChangeDetails types from/to/fromString/toString as plain strings, yet its example (and Jira) sends null.
for (const k of ['from', 'fromString', 'to', 'toString']) {
  (components.schemas.ChangeDetails!.properties as Record<string, Record<string, unknown>>)[k]!.nullable = true;
}
// 2. GET .../remotelink declares one RemoteIssueLink, yet its example (and Jira) returns an array of them.
const ARRAY_OF_ITEMS = new Set(['GET /rest/api/3/issue/{issueIdOrKey}/remotelink']);

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ $id: 'jira', components });

const rebase = (schema: unknown): unknown =>
  JSON.parse(JSON.stringify(schema).replace(/"#\/components\//g, '"jira#/components/'));

function responseValidator(path: string, method: string, status: number): ValidateFunction {
  const op = spec.paths[path]?.[method.toLowerCase()];
  assert.ok(op, `spec has no ${method} ${path}`);
  if (status >= 400) return ajv.compile({ $ref: 'jira#/components/schemas/ErrorCollection' });
  const response = op.responses[String(status)];
  assert.ok(response, `spec documents no ${status} for ${method} ${path}`);
  const schema = response.content?.['application/json']?.schema;
  assert.ok(schema, `spec has no JSON schema for ${status} of ${method} ${path}`);
  const key = `${method} ${path}`;
  return ajv.compile(rebase(ARRAY_OF_ITEMS.has(key) ? { type: 'array', items: schema } : schema) as object);
}

function requestValidator(path: string, method: string): ValidateFunction {
  const schema = spec.paths[path]?.[method.toLowerCase()]?.requestBody?.content['application/json']?.schema;
  assert.ok(schema, `spec has no JSON request body for ${method} ${path}`);
  return ajv.compile(rebase(schema) as object);
}

interface Ids {
  issue: string;
  comment: string;
  link: number;
  attachment: string;
}

interface ResponseRow {
  name: string;
  method: string;
  path: (ids: Ids) => string;
  spec: string;
  body?: unknown;
  status: number;
}

const I = '/rest/api/3/issue/{issueIdOrKey}';
let ADMIN = '';
const RESPONSES: ResponseRow[] = [
  { name: 'create issue', method: 'POST', path: () => '/rest/api/3/issue', spec: '/rest/api/3/issue', status: 201, body: { fields: { project: { key: 'ACME' }, issuetype: { name: 'Task' }, summary: 'Contract row' } } },
  { name: 'get issue (all fields, every expand)', method: 'GET', path: (i) => `/rest/api/3/issue/${i.issue}?expand=renderedFields,names,schema,changelog&properties=*all`, spec: I, status: 200 },
  { name: 'get issue (field subset)', method: 'GET', path: (i) => `/rest/api/3/issue/${i.issue}?fields=summary,status,-status,customfield_10022`, spec: I, status: 200 },
  { name: 'edit issue with returnIssue', method: 'PUT', path: (i) => `/rest/api/3/issue/${i.issue}?returnIssue=true`, spec: I, status: 200, body: { fields: { summary: 'Edited in contract' } } },
  { name: 'missing issue', method: 'GET', path: () => '/rest/api/3/issue/ACME-999', spec: I, status: 404 },
  { name: 'list comments', method: 'GET', path: (i) => `${`/rest/api/3/issue/${i.issue}`}/comment?expand=renderedBody,properties`, spec: `${I}/comment`, status: 200 },
  { name: 'add comment', method: 'POST', path: (i) => `/rest/api/3/issue/${i.issue}/comment`, spec: `${I}/comment`, status: 201, body: { body: adf('Row comment'), visibility: { type: 'role', value: 'Administrators' } } },
  { name: 'get comment', method: 'GET', path: (i) => `/rest/api/3/issue/${i.issue}/comment/${i.comment}`, spec: `${I}/comment/{id}`, status: 200 },
  { name: 'update comment', method: 'PUT', path: (i) => `/rest/api/3/issue/${i.issue}/comment/${i.comment}`, spec: `${I}/comment/{id}`, status: 200, body: { body: adf('Edited comment') } },
  { name: 'transitions', method: 'GET', path: (i) => `/rest/api/3/issue/${i.issue}/transitions?expand=transitions.fields`, spec: `${I}/transitions`, status: 200 },
  { name: 'changelog page', method: 'GET', path: (i) => `/rest/api/3/issue/${i.issue}/changelog?maxResults=1`, spec: `${I}/changelog`, status: 200 },
  { name: 'issue property keys', method: 'GET', path: (i) => `/rest/api/3/issue/${i.issue}/properties`, spec: `${I}/properties`, status: 200 },
  { name: 'issue property', method: 'GET', path: (i) => `/rest/api/3/issue/${i.issue}/properties/liaison.link`, spec: `${I}/properties/{propertyKey}`, status: 200 },
  { name: 'missing issue property', method: 'GET', path: (i) => `/rest/api/3/issue/${i.issue}/properties/nope`, spec: `${I}/properties/{propertyKey}`, status: 404 },
  { name: 'comment property keys', method: 'GET', path: (i) => `/rest/api/3/comment/${i.comment}/properties`, spec: '/rest/api/3/comment/{commentId}/properties', status: 200 },
  { name: 'comment property', method: 'GET', path: (i) => `/rest/api/3/comment/${i.comment}/properties/sd.public.comment`, spec: '/rest/api/3/comment/{commentId}/properties/{propertyKey}', status: 200 },
  { name: 'remote links', method: 'GET', path: (i) => `/rest/api/3/issue/${i.issue}/remotelink`, spec: `${I}/remotelink`, status: 200 },
  { name: 'remote link by id', method: 'GET', path: (i) => `/rest/api/3/issue/${i.issue}/remotelink/${i.link}`, spec: `${I}/remotelink/{linkId}`, status: 200 },
  { name: 'remote link upsert (update)', method: 'POST', path: (i) => `/rest/api/3/issue/${i.issue}/remotelink`, spec: `${I}/remotelink`, status: 200, body: { globalId: 'partner=GLX-1', object: { title: 'GLX-1', url: 'https://globex.atlassian.net/browse/GLX-1' } } },
  { name: 'remote link upsert (create)', method: 'POST', path: (i) => `/rest/api/3/issue/${i.issue}/remotelink`, spec: `${I}/remotelink`, status: 201, body: { globalId: 'partner=GLX-2', object: { title: 'GLX-2', url: 'https://globex.atlassian.net/browse/GLX-2' } } },
  { name: 'search (GET)', method: 'GET', path: () => `/rest/api/3/search/jql?jql=${encodeURIComponent('project = ACME ORDER BY key')}&fields=*navigable&maxResults=2&expand=names`, spec: '/rest/api/3/search/jql', status: 200 },
  { name: 'search (POST)', method: 'POST', path: () => '/rest/api/3/search/jql', spec: '/rest/api/3/search/jql', status: 200, body: { jql: 'project = ACME', fields: ['summary', 'labels'], maxResults: 3 } },
  { name: 'search with bad JQL', method: 'GET', path: () => `/rest/api/3/search/jql?jql=${encodeURIComponent('project = ')}`, spec: '/rest/api/3/search/jql', status: 400 },
  { name: 'jql parse', method: 'POST', path: () => '/rest/api/3/jql/parse?validation=strict', spec: '/rest/api/3/jql/parse', status: 200, body: { queries: ['ORDER BY key DESC', 'colour = red', 'project = '] } },
  // (Only an ORDER BY structure here: the spec's JqlQueryClause has additionalProperties: false beside
  // its anyOf, which no clause with a field can satisfy; test/sandbox/jira/jql-parse.test.ts checks clauses.)
  { name: 'approximate count', method: 'POST', path: () => '/rest/api/3/search/approximate-count', spec: '/rest/api/3/search/approximate-count', status: 200, body: { jql: 'project = ACME' } },
  { name: 'myself', method: 'GET', path: () => '/rest/api/3/myself?expand=groups', spec: '/rest/api/3/myself', status: 200 },
  { name: 'fields', method: 'GET', path: () => '/rest/api/3/field', spec: '/rest/api/3/field', status: 200 },
  { name: 'priorities', method: 'GET', path: () => '/rest/api/3/priority', spec: '/rest/api/3/priority', status: 200 },
  { name: 'statuses', method: 'GET', path: () => '/rest/api/3/status', spec: '/rest/api/3/status', status: 200 },
  { name: 'issue types', method: 'GET', path: () => '/rest/api/3/issuetype', spec: '/rest/api/3/issuetype', status: 200 },
  { name: 'project search', method: 'GET', path: () => '/rest/api/3/project/search', spec: '/rest/api/3/project/search', status: 200 },
  { name: 'project', method: 'GET', path: () => '/rest/api/3/project/ACME', spec: '/rest/api/3/project/{projectIdOrKey}', status: 200 },
  { name: 'user', method: 'GET', path: () => `/rest/api/3/user?accountId=${encodeURIComponent(ADMIN)}&expand=groups`, spec: '/rest/api/3/user', status: 200 },
  { name: 'user search', method: 'GET', path: () => '/rest/api/3/user/search?query=agent', spec: '/rest/api/3/user/search', status: 200 },
  { name: 'my permissions', method: 'GET', path: (i) => `/rest/api/3/mypermissions?permissions=ADMINISTER,BROWSE_PROJECTS,EDIT_ISSUES,ADMINISTER_PROJECTS&issueKey=${i.issue}`, spec: '/rest/api/3/mypermissions', status: 200 },
  { name: 'server info', method: 'GET', path: () => '/rest/api/3/serverInfo', spec: '/rest/api/3/serverInfo', status: 200 },
  { name: 'search by issue property', method: 'POST', path: () => '/rest/api/3/search/jql', spec: '/rest/api/3/search/jql', status: 200, body: { jql: 'issue.property[liaison.link].partner = "GLX-1"', maxResults: 2, fields: ['id'] } },
  { name: 'read workflows by project and issue type', method: 'POST', path: () => '/rest/api/3/workflows', spec: '/rest/api/3/workflows', status: 200, body: { projectAndIssueTypes: [{ projectId: '10000', issueTypeId: '10001' }, { projectId: '10000', issueTypeId: '10002' }] } },
  { name: 'read workflows: unknown project', method: 'POST', path: () => '/rest/api/3/workflows', spec: '/rest/api/3/workflows', status: 400, body: { projectAndIssueTypes: [{ projectId: '999', issueTypeId: '10001' }] } },
  { name: 'createmeta issue types', method: 'GET', path: () => '/rest/api/3/issue/createmeta/ACME/issuetypes', spec: '/rest/api/3/issue/createmeta/{projectIdOrKey}/issuetypes', status: 200 },
  { name: 'createmeta fields', method: 'GET', path: () => '/rest/api/3/issue/createmeta/ACME/issuetypes/10002?startAt=0&maxResults=200', spec: '/rest/api/3/issue/createmeta/{projectIdOrKey}/issuetypes/{issueTypeId}', status: 200 },
  { name: 'createmeta fields: maxResults over 200', method: 'GET', path: () => '/rest/api/3/issue/createmeta/ACME/issuetypes/10002?maxResults=500', spec: '/rest/api/3/issue/createmeta/{projectIdOrKey}/issuetypes/{issueTypeId}', status: 400 },
  { name: 'attachment metadata', method: 'GET', path: (i) => `/rest/api/3/attachment/${i.attachment}`, spec: '/rest/api/3/attachment/{id}', status: 200 },
];

interface RejectRow {
  name: string;
  method: string;
  path: (ids: Ids) => string;
  spec: string;
  body: unknown;
}

const REJECTIONS: RejectRow[] = [
  { name: 'issue: fields is a string', method: 'POST', path: () => '/rest/api/3/issue', spec: '/rest/api/3/issue', body: { fields: 'summary' } },
  { name: 'issue: fields is an array', method: 'POST', path: () => '/rest/api/3/issue', spec: '/rest/api/3/issue', body: { fields: [] } },
  { name: 'issue: update verb unknown', method: 'PUT', path: (i) => `/rest/api/3/issue/${i.issue}`, spec: I, body: { update: { labels: [{ append: 'x' }] } } },
  { name: 'issue: update not a list', method: 'PUT', path: (i) => `/rest/api/3/issue/${i.issue}`, spec: I, body: { update: { labels: { add: 'x' } } } },
  { name: 'issue: properties not a list', method: 'PUT', path: (i) => `/rest/api/3/issue/${i.issue}`, spec: I, body: { properties: { key: 'a' } } },
  { name: 'issue: property with extra keys', method: 'PUT', path: (i) => `/rest/api/3/issue/${i.issue}`, spec: I, body: { properties: [{ key: 'a', value: 1, extra: true }] } },
  { name: 'transition: id is a number', method: 'POST', path: (i) => `/rest/api/3/issue/${i.issue}/transitions`, spec: `${I}/transitions`, body: { transition: { id: 21 } } },
  { name: 'transition: not an object', method: 'POST', path: (i) => `/rest/api/3/issue/${i.issue}/transitions`, spec: `${I}/transitions`, body: { transition: '21' } },
  { name: 'comment: visibility type unknown', method: 'POST', path: (i) => `/rest/api/3/issue/${i.issue}/comment`, spec: `${I}/comment`, body: { body: adf('x'), visibility: { type: 'team', value: 'x' } } },
  { name: 'comment: properties not a list', method: 'POST', path: (i) => `/rest/api/3/issue/${i.issue}/comment`, spec: `${I}/comment`, body: { body: adf('x'), properties: { key: 'sd.public.comment' } } },
  { name: 'comment edit: visibility value not a string', method: 'PUT', path: (i) => `/rest/api/3/issue/${i.issue}/comment/${i.comment}`, spec: `${I}/comment/{id}`, body: { body: adf('x'), visibility: { type: 'group', value: 7 } } },
  { name: 'remote link: object missing', method: 'POST', path: (i) => `/rest/api/3/issue/${i.issue}/remotelink`, spec: `${I}/remotelink`, body: { globalId: 'g' } },
  { name: 'remote link: object without url', method: 'POST', path: (i) => `/rest/api/3/issue/${i.issue}/remotelink`, spec: `${I}/remotelink`, body: { object: { title: 't' } } },
  { name: 'search: unknown property', method: 'POST', path: () => '/rest/api/3/search/jql', spec: '/rest/api/3/search/jql', body: { jql: 'project = ACME', startAt: 0 } },
  { name: 'search: fields not a list', method: 'POST', path: () => '/rest/api/3/search/jql', spec: '/rest/api/3/search/jql', body: { jql: 'project = ACME', fields: 'summary' } },
  { name: 'search: maxResults a string', method: 'POST', path: () => '/rest/api/3/search/jql', spec: '/rest/api/3/search/jql', body: { jql: 'project = ACME', maxResults: '10' } },
  { name: 'workflows: pair without issueTypeId', method: 'POST', path: () => '/rest/api/3/workflows', spec: '/rest/api/3/workflows', body: { projectAndIssueTypes: [{ projectId: '10000' }] } },
  { name: 'workflows: unknown property', method: 'POST', path: () => '/rest/api/3/workflows', spec: '/rest/api/3/workflows', body: { projects: ['10000'] } },
];

describe('Jira emulator honours the published OpenAPI contract', () => {
  let f: Fixture;
  const ids: Ids = { issue: 'ACME-1', comment: '', link: 0, attachment: '' };

  before(async () => {
    f = fixture();
    ADMIN = f.admin;
    const comment = await f.call('POST', '/rest/api/3/issue/ACME-1/comment', {
      body: adf('Internal note'),
      properties: [{ key: 'sd.public.comment', value: { internal: true } }],
    });
    ids.comment = comment.json.id;
    await f.call('PUT', '/rest/api/3/issue/ACME-1/properties/liaison.link', { partner: 'GLX-1', version: 3 });
    const link = await f.call('POST', '/rest/api/3/issue/ACME-1/remotelink', {
      globalId: 'partner=GLX-1',
      application: { type: 'liaison', name: 'Liaison' },
      relationship: 'mirrors',
      object: { title: 'GLX-1', url: 'https://globex.atlassian.net/browse/GLX-1', status: { resolved: false } },
    });
    ids.link = link.json.id;
    const boundary = 'contract-boundary';
    const upload = await f.site.request({
      method: 'POST',
      path: '/rest/api/3/issue/ACME-1/attachments',
      headers: { 'X-Atlassian-Token': 'no-check', 'Content-Type': `multipart/form-data; boundary=${boundary}` },
      body: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="log.txt"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--${boundary}--\r\n`,
      actor: { accountId: f.admin },
    });
    assert.equal(upload.status, 200, upload.body);
    ids.attachment = (JSON.parse(upload.body) as { id: string }[])[0]!.id;
    responseValidator(`${I}/attachments`, 'POST', 200); // the upload answer is checked in http.test.ts
  });
  after(() => f.site.close());

  for (const row of RESPONSES) {
    test(`response: ${row.name} → ${row.status} fits ${row.method} ${row.spec}`, async () => {
      const res = await f.call(row.method, row.path(ids), row.body);
      assert.equal(res.status, row.status, res.text);
      const validate = responseValidator(row.spec, row.method, row.status);
      assert.ok(validate(res.json), `${row.name}: ${ajv.errorsText(validate.errors)}\n${res.text.slice(0, 600)}`);
    });
  }

  test('response: upload answer fits POST .../attachments', async () => {
    const boundary = 'b2';
    const res = await f.site.request({
      method: 'POST',
      path: '/rest/api/3/issue/ACME-1/attachments',
      headers: { 'x-atlassian-token': 'no-check', 'content-type': `multipart/form-data; boundary=${boundary}` },
      body: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\nContent-Type: text/csv\r\n\r\na,b\r\n--${boundary}--\r\n`,
      actor: { accountId: f.admin },
    });
    const validate = responseValidator(`${I}/attachments`, 'POST', 200);
    assert.equal(res.status, 200);
    assert.ok(validate(JSON.parse(res.body)), ajv.errorsText(validate.errors));
  });

  for (const row of REJECTIONS) {
    test(`request: ${row.name} is rejected by the spec and by the emulator`, async () => {
      const validate = requestValidator(row.spec, row.method);
      assert.equal(validate(row.body), false, 'the spec itself must reject this body, or the row proves nothing');
      const res = await f.call(row.method, row.path(ids), row.body);
      assert.equal(res.status, 400, res.text);
      const errorShape = responseValidator(row.spec, row.method, 400);
      assert.ok(errorShape(res.json), ajv.errorsText(errorShape.errors));
    });
  }

  test('request bodies the emulator accepts are accepted by the spec too', async () => {
    const validate = requestValidator('/rest/api/3/issue', 'POST');
    const body = {
      fields: { project: { key: 'ACME' }, issuetype: { id: '10002' }, summary: 'Spec-valid', customfield_10022: { value: 'Sev 1' } },
      update: { labels: [{ add: 'b' }] },
      properties: [{ key: 'p', value: { x: 1 } }],
    };
    assert.ok(validate(body), ajv.errorsText(validate.errors));
    const res = await f.call('POST', '/rest/api/3/issue', body);
    assert.equal(res.status, 201, res.text);
  });

  test('the workflow read body the adapter sends is one the spec accepts', () => {
    const validate = requestValidator('/rest/api/3/workflows', 'POST');
    assert.ok(validate({ projectAndIssueTypes: [{ projectId: '10000', issueTypeId: '10001' }] }), ajv.errorsText(validate.errors));
  });
});
