// Jira REST v3 payloads as the sandbox emulator and the published OpenAPI examples shape them
// (/work/shared/contracts/jira-platform-openapi.json): issue beans, comments, users.
const site = 'https://acme.atlassian.net';

export const agentOne = {
  self: `${site}/rest/api/3/user?accountId=5b10ac8d82e05b22cc7d4ef5`,
  accountId: '5b10ac8d82e05b22cc7d4ef5',
  emailAddress: 'agent1@acme.example',
  avatarUrls: { '48x48': 'https://avatar-management--avatars.us-west-2.prod.public.atl-paas.net/initials/AA-5.png?size=48&s=48' },
  displayName: 'Acme Agent One',
  active: true,
  timeZone: 'Etc/UTC',
  accountType: 'atlassian',
};

export const adf = (text: string) => ({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

export function comment(id: string, text: string, opts: { jsdPublic?: boolean; author?: typeof agentOne; visibility?: { type: string; value: string } } = {}) {
  return {
    self: `${site}/rest/api/3/issue/10001/comment/${id}`,
    id,
    author: opts.author ?? agentOne,
    body: adf(text),
    updateAuthor: opts.author ?? agentOne,
    created: '2025-11-20T09:00:00.000+0000',
    updated: '2025-11-20T09:30:00.000+0000',
    ...(opts.visibility ? { visibility: opts.visibility } : {}),
    jsdPublic: opts.jsdPublic ?? true,
  };
}

export function issueBean(overrides: Record<string, unknown> = {}, comments = [comment('10100', 'Reproduced on staging.'), comment('10101', 'Possibly the session cache.', { jsdPublic: false })]) {
  return {
    expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
    id: '10001',
    self: `${site}/rest/api/3/issue/10001`,
    key: 'ACME-1',
    fields: {
      summary: 'Login page returns 500 after password reset',
      description: adf('Customers see an error page right after resetting their password.'),
      project: { self: `${site}/rest/api/3/project/10000`, id: '10000', key: 'ACME', name: 'Acme Support', projectTypeKey: 'software', simplified: false },
      status: { self: `${site}/rest/api/3/status/10001`, name: 'In Progress', id: '10001', statusCategory: { id: 4, key: 'indeterminate', colorName: 'yellow', name: 'In Progress' } },
      priority: { self: `${site}/rest/api/3/priority/2`, name: 'High', id: '2' },
      issuetype: { self: `${site}/rest/api/3/issuetype/10002`, id: '10002', name: 'Bug', subtask: false },
      labels: ['login', 'customer'],
      duedate: '2030-01-15',
      assignee: agentOne,
      reporter: agentOne,
      updated: '2025-11-20T10:00:00.000+0000',
      customfield_10020: 'CR-1001',
      customfield_10021: 3,
      customfield_10022: { self: `${site}/rest/api/3/customFieldOption/10101`, value: 'Sev 2', id: '10101' },
      comment: { comments, self: `${site}/rest/api/3/issue/10001/comment`, maxResults: comments.length, total: comments.length, startAt: 0 },
      attachment: [
        { self: `${site}/rest/api/3/attachment/10200`, id: '10200', filename: 'trace.log', author: agentOne, created: '2025-11-20T09:10:00.000+0000', size: 2048, mimeType: 'text/plain', content: `${site}/rest/api/3/attachment/content/10200` },
      ],
      ...overrides,
    },
  };
}
