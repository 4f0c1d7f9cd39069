// Names shared between manifest.yml and the code that pushes to queues or builds URLs. The manifest
// test checks that each of these is declared there.
export const QUEUES = {
  /** One event per outbox entry that is due (or soon due): sign and send to the partner. */
  outbox: 'liaison-outbox',
  /** Background work: re-check a deferred issue change, bulk-sync pages. */
  work: 'liaison-work',
} as const;

export const WEBTRIGGERS = {
  /** Where partners POST signed messages (handshake, replica, unlink, ping). */
  inbox: 'partner-inbox',
  /** Where a ServiceNow business rule posts signed change notices (push; polling is the safety net). */
  serviceNowNotice: 'servicenow-notice',
} as const;
