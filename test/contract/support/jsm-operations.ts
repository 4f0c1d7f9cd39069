// The Jira Service Management REST operations Liaison calls, with their OAuth scopes, in the shape of
// the platform's OpenAPI description (`x-atlassian-oauth2-scopes`), since ../shared/contracts holds
// no JSM description. Each operation takes the classic scope only (the granular alternatives are left
// out, so only the classic scopes can satisfy these needs; the manifest declares the classic ones).
//
// Sources (session 8):
// - the JSM Cloud REST reference, Request and Servicedesk groups, whose operation lists confirm each
//   path and verb below (each operation there lists its "OAuth 2.0 scopes required"):
//   https://developer.atlassian.com/cloud/jira/service-desk/rest/api-group-request/
//   (GET request/{issueIdOrKey}; GET, POST, DELETE request/{issueIdOrKey}/participant) and
//   https://developer.atlassian.com/cloud/jira/service-desk/rest/api-group-servicedesk/ (GET servicedesk;
//   GET servicedesk/{serviceDeskId}/requesttype);
// - JSM's scopes page, which recommends the classic scopes read:servicedesk-request and
//   write:servicedesk-request for apps: https://developer.atlassian.com/cloud/jira/service-desk/scopes-for-oauth-2-3LO-and-forge-apps/;
// - Forge's JSM scopes page (manifest-reference/scopes-product-jsm), whose granular scopes follow the
//   same split by resource and verb: read:request, read:servicedesk, read:requesttype,
//   read:/write:/delete:request.participant (all :jira-service-management), so reads take the read
//   scope and adding or removing participants the write scope.
// What the docs leave open here: the reference pages' per-operation scope lines could not be read in
// full offline (the search returns their opening only; `forge lint` reads them from
// https://developer.atlassian.com/cloud/jira/service-desk/swagger.v3.json, which it downloads), so
// each classic scope below is the one the pages' scope split gives, not a copy of the swagger;
// `forge lint` (server-side checks, with the login) confirms them against the swagger at deploy.
// The Request Type field is set through the platform's PUT /rest/api/3/issue/{id} (write:jira-work)
// and found through GET /rest/api/3/field (read:jira-work), both in the platform description.
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
