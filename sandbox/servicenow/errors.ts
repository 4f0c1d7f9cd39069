// ServiceNow's REST failure envelope: `{"error": {"message", "detail"}, "status": "failure"}`. Handlers throw
// SnError; the instance renders it with the matching HTTP status. Message texts are the ones ServiceNow sends.

export class SnError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly detail: string | null = null,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'SnError';
  }

  body(): { error: { message: string; detail: string | null }; status: 'failure' } {
    return { error: { message: this.message, detail: this.detail }, status: 'failure' };
  }
}

export const notAuthenticated = (): SnError =>
  new SnError(401, 'User Not Authenticated', 'Required to provide Auth information', {
    'www-authenticate': 'BASIC realm="Service-now"',
  });

export const invalidTable = (table: string): SnError => new SnError(400, `Invalid table ${table}`);

export const noRecord = (): SnError =>
  new SnError(404, 'No Record found', "Record doesn't exist or ACL restricts the record retrieval");

export type AclOperation = 'Insert' | 'Update' | 'Delete' | 'Read';

export const aclDenied = (op: AclOperation): SnError =>
  new SnError(403, 'Operation Failed', `ACL Exception ${op} Failed due to security constraints`);

export const badRequest = (message: string, detail: string | null = null): SnError => new SnError(400, message, detail);

export const unreadableRequest = (detail: string): SnError => new SnError(400, 'Exception while reading request', detail);

export const noResource = (): SnError => new SnError(400, 'Requested URI does not represent any resource');
