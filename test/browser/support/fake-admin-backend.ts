// A canned, stateful admin backend shaped per src/shared/resolver-contract.ts, for testing the
// admin UI before (and independently of) the real resolvers.
import type { AuditPage, BulkStatus, ConnectionView, KpiView, PreviewView, QueueEntryView, RuleVersionView, RuleView, SyncErrorView } from '../../../src/shared/resolver-contract';

const ok = (data: unknown) => ({ ok: true, data });
const now = Date.now();

export const INVITE_CODE = 'LZ1.invite-code-for-tests.0123456789abcdef';
export const SN_NOTICE = { url: 'https://5f3c.hello.atlassian-dev.net/x1/notice?connection=conn-sn-0002-77aa55cc', secret: 'sn-secret-shown-once-4f2a9c' };
/** The password the fake ServiceNow instance accepts; anything else is a credentials problem. */
export const SN_PASSWORD = 'correct horse battery';

export function fakeAdminBackend() {
  const connection: ConnectionView = {
    id: 'conn-0001-abcdef12',
    displayName: 'Globex (globex.atlassian.net)',
    partner: {
      name: 'Globex', site: 'https://globex.atlassian.net', contacts: [{ name: 'Gus Globex', role: 'accountable', email: 'gus@globex.example' }],
      catalog: { statuses: ['Open', 'In Progress', 'Done'], priorities: ['High', 'Medium', 'Low'], issueTypes: ['Task', 'Bug'] }, updatedAt: now - 3 * 86_400_000,
    },
    partnerKind: 'jira',
    partnerEndpoint: 'https://5f3c.hello.atlassian-dev.net/x1/abc',
    state: 'active',
    role: 'inviter',
    createdAt: now - 3 * 86_400_000,
    createdBy: 'Acme Admin',
    contacts: { local: [{ name: 'Ada Admin', role: 'accountable', email: 'ada@acme.example' }], partner: [] },
    health: { backlog: 2, errors: 1, lastExchangeAt: now - 120_000 },
    projects: [{ projectKey: 'ACME', version: 2, delegated: false }],
  };
  const v1: RuleVersionView = { version: 1, author: 'Acme Admin', at: now - 2 * 86_400_000, comment: 'first rule', restoredFrom: null, rule: { connectionId: connection.id, projectKey: 'ACME', fields: { summary: { direction: 'out' } } } };
  const v2: RuleVersionView = {
    version: 2,
    author: 'Acme Admin',
    at: now - 86_400_000,
    comment: 'priority both ways',
    restoredFrom: null,
    rule: { connectionId: connection.id, projectKey: 'ACME', fields: { summary: { direction: 'out' }, priority: { direction: 'both', conflict: 'latest' } } },
  };
  const history = [v1, v2];
  const others: ConnectionView[] = [];
  const serviceNowAnswer = (p: Record<string, unknown>) => {
    const auth = p.auth as { kind: string; password?: string };
    return auth.kind === 'basic' && auth.password !== SN_PASSWORD
      ? { ok: false, problem: 'bad-credentials', message: 'ServiceNow did not accept the credentials: check the integration user\'s name and password.' }
      : { ok: true, resolutionCodes: [{ value: 'Solution provided', label: 'Solution provided' }, { value: 'Workaround provided', label: 'Workaround provided' }] };
  };
  const errors: SyncErrorView[] = [
    { id: 'e1', at: now - 60_000, connectionId: connection.id, pairId: 'pair-1', field: 'priority', value: '"Urgent"', reason: 'no such priority', retryable: true },
    { id: 'e2', at: now - 30_000, connectionId: connection.id, pairId: 'pair-2', field: 'status', value: '"Closed"', reason: 'no transition to Closed', retryable: false },
  ];
  const queue: QueueEntryView[] = [{ id: 'q1', pairId: 'pair-1', seq: 4, kind: 'update', attempts: 2, nextTryAt: now + 30_000, lastError: 'partner answered 503', createdAt: now - 90_000 }];
  let bulk: BulkStatus = { state: 'idle', total: 0, processed: 0, queued: 0, startedAt: null, finishedAt: null };
  let bulkPolls = 0;
  const audit = Array.from({ length: 30 }, (_, i) => ({ id: `a${i}`, at: now - i * 60_000, actor: 'Acme Admin', action: i === 29 ? 'connection.invite' : 'rule.save', subject: `entry ${i + 1}`, detail: '' }));
  const kpis: KpiView = {
    latencyMs: { p50: 180, p95: 420, samples: 57 },
    perDay: [
      { day: '2025-03-01', out: 12, in: 7 },
      { day: '2025-03-02', out: 20, in: 9 },
      { day: '2025-03-03', out: 5, in: 14 },
    ],
    errorRate: 0.021,
    backlog: 2,
  };
  const preview: PreviewView = {
    issueKey: 'ACME-1',
    inScope: true,
    scopeReason: null,
    fields: [{ field: 'summary', value: { kind: 'text', text: 'Login fails' }, text: 'Login fails' }],
    comments: [{ id: 'c1', internal: false, text: 'Reproduced on staging.' }],
    withheld: [{ field: 'assignee', reason: 'not in the outgoing rule' }],
  };

  const ruleView = (): RuleView => ({
    connectionId: connection.id,
    projectKey: 'ACME',
    current: history[history.length - 1] ?? null,
    history: [...history],
    delegated: connection.projects[0]!.delegated,
    fieldCatalog: [
      { key: 'summary', name: 'Summary' },
      { key: 'priority', name: 'Priority' },
      { key: 'status', name: 'Status' },
      { key: 'custom:10020', name: 'Customer Reference' },
    ],
  });

  const handler = (key: string, p: Record<string, unknown>): unknown => {
    switch (key) {
      case 'admin/connections/list':
        return ok([connection, ...others]);
      case 'admin/connections/linked-count':
        return ok({ linked: 12, capped: false });
      case 'project/connections/list': {
        const all = [connection, ...others];
        const delegated = all.filter((c) => c.projects.some((x) => x.projectKey === 'ACME' && x.delegated));
        const rest = all.filter((c) => !delegated.includes(c) && c.projects.some((x) => x.projectKey === 'ACME'));
        return ok({ projectKey: 'ACME', delegated, others: rest.map((c) => ({ connectionId: c.id, displayName: c.displayName, askWhom: c.contacts.local })) });
      }
      case 'admin/connections/invite':
        return ok({ connection: { ...connection, id: 'conn-new', state: 'pending' }, code: INVITE_CODE, expiresAt: now + 86_400_000 });
      case 'admin/connections/accept':
        return p.code === INVITE_CODE ? ok(connection) : { ok: false, error: { code: 'invalid-payload', message: 'That invitation code is unknown or expired.' } };
      case 'admin/connections/servicenow-test':
        return ok(serviceNowAnswer(p));
      case 'admin/connections/servicenow': {
        const answer = serviceNowAnswer(p);
        if (!answer.ok) return { ok: false, error: { code: 'partner-error', message: answer.message } };
        const id = 'conn-sn-0002-77aa55cc';
        others.push({ ...connection, id, displayName: `${String(p.instanceUrl).replace(/^https?:\/\//, '').split('.')[0]} (ServiceNow)`, partner: { name: String(p.instanceUrl).replace(/^https?:\/\//, '').split('.')[0] ?? null, site: String(p.instanceUrl), contacts: [], catalog: { statuses: [], priorities: [], issueTypes: [] }, updatedAt: null }, partnerKind: 'servicenow', partnerEndpoint: String(p.instanceUrl), contacts: { local: [], partner: [] }, health: { backlog: 0, errors: 0, lastExchangeAt: null }, projects: [], createdAt: Date.now(), table: String(p.table) });
        return ok({ connectionId: id, state: 'active', notice: SN_NOTICE });
      }
      case 'admin/connections/change':
        connection.state = p.change === 'pause' ? 'paused' : 'active';
        return ok(connection);
      case 'admin/projects/list':
        return ok([{ key: 'ACME', name: 'Acme Support' }]);
      case 'admin/rules/get':
      case 'project/rules/get':
        return ok(ruleView());
      case 'admin/rules/save':
      case 'project/rules/save': {
        const rule = p.rule as { scope?: { pilot?: { issueKeys?: string[] } | null } };
        const bad = (rule.scope?.pilot?.issueKeys ?? []).findIndex((k) => !/^[A-Z][A-Z0-9_]*-\d+$/.test(k));
        if (bad >= 0) {
          return { ok: false, error: { code: 'invalid-rule', message: 'The rule has 1 problem.', details: [{ path: `scope.pilot.issueKeys[${bad}]`, message: 'must be an issue key like ABC-12' }] } };
        }
        history.push({ version: history.length + 1, author: 'Acme Admin', at: Date.now(), comment: String(p.comment ?? ''), restoredFrom: null, rule: p.rule });
        return ok(ruleView());
      }
      case 'admin/rules/restore': {
        const from = history.find((v) => v.version === p.version)!;
        history.push({ version: history.length + 1, author: 'Acme Admin', at: Date.now(), comment: '', restoredFrom: from.version, rule: structuredClone(from.rule) });
        return ok(ruleView());
      }
      case 'admin/rules/delegate':
        connection.projects[0]!.delegated = p.allowed === true;
        return ok(null);
      case 'admin/preview':
        return ok({ ...preview, issueKey: p.issueKey });
      case 'admin/queue/list':
        return ok(queue);
      case 'admin/errors/list':
        return ok(errors);
      case 'admin/errors/retry':
      case 'admin/errors/dismiss':
        errors.splice(errors.findIndex((e) => e.id === p.errorId), 1);
        return ok(null);
      case 'admin/audit/list': {
        const start = typeof p.cursor === 'string' ? Number(p.cursor) : 0;
        const limit = Number(p.limit ?? 25);
        const page: AuditPage = { items: audit.slice(start, start + limit), cursor: start + limit < audit.length ? String(start + limit) : null };
        return ok(page);
      }
      case 'admin/bulk/start':
        bulk = { state: 'running', total: 40, processed: 0, queued: 0, startedAt: Date.now(), finishedAt: null };
        bulkPolls = 0;
        return ok(bulk);
      case 'admin/bulk/status':
        if (bulk.state === 'running') {
          bulkPolls++;
          bulk = bulkPolls >= 2 ? { ...bulk, state: 'done', processed: 40, queued: 31, finishedAt: Date.now() } : { ...bulk, processed: 10, queued: 8 };
        }
        return ok(bulk);
      case 'admin/kpis':
        return ok(kpis);
      // No partner has asked to link anything here (link-requests.test.ts covers the requests).
      case 'admin/link-requests/list':
        return ok([]);
      default:
        throw new Error(`fake admin backend: no ${key}`);
    }
  };
  return { handler, connection, history, errors, others };
}
