// The Jira Service Management REST operations Liaison calls, with their OAuth scopes, in the shape of
// the platform's OpenAPI description (`x-atlassian-oauth2-scopes`), since ../shared/contracts holds
// no JSM description. Source: the JSM Cloud REST API reference
// (developer.atlassian.com/cloud/jira/service-desk/rest/api-group-request/ and api-group-servicedesk/),
// each operation's "OAuth 2.0 scopes required" (classic); the granular alternatives are left out
// here, so only the classic scopes can satisfy these needs.
const op = (operationId: string, scope: string) => ({ operationId, 'x-atlassian-oauth2-scopes': [{ state: 'Current', scopes: [scope] }] });

export const JSM_OPERATIONS = {
  paths: {
    '/rest/servicedeskapi/request/{issueIdOrKey}': { get: op('getCustomerRequestByIdOrKey', 'read:servicedesk-request') },
    '/rest/servicedeskapi/servicedesk': { get: op('getServiceDesks', 'read:servicedesk-request') },
    '/rest/servicedeskapi/servicedesk/{serviceDeskId}/requesttype': { get: op('getRequestTypes', 'read:servicedesk-request') },
    '/rest/servicedeskapi/request/{issueIdOrKey}/participant': {
      get: op('getRequestParticipants', 'read:servicedesk-request'),
      post: op('addRequestParticipants', 'write:servicedesk-request'),
      delete: op('removeRequestParticipants', 'write:servicedesk-request'),
    },
  },
};
