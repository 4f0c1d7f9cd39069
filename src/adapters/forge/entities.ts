// The custom entities the adapters use, as declared in manifest.yml `app.storage.entities`
// (entities.manifest.yml holds the same block in YAML; a test keeps the two equal). Timestamps are
// `float` because Forge's `integer` is 32-bit and epoch milliseconds are not; nested documents sit in
// one `any` attribute, so only the attributes an index needs are typed.

export type AttributeType = 'string' | 'integer' | 'float' | 'boolean' | 'any';
export type IndexSpec = { name: string; range: [string]; partition?: [string] };
export type EntitySpec = { name: string; attributes: Record<string, { type: AttributeType }>; indexes: IndexSpec[] };

export const ENTITY = {
  pair: 'liaison-pair',
  outbox: 'liaison-outbox-entry',
  error: 'liaison-sync-error',
  audit: 'liaison-audit-entry',
  connection: 'liaison-connection',
  ruleVersion: 'liaison-rule-version',
  ruleCurrent: 'liaison-rule-current',
  limitWindow: 'liaison-limit-window',
} as const;

export const INDEX = {
  pairByLocal: 'by-local-issue',
  pairByPartner: 'by-partner-issue',
  pairByConnection: 'by-connection',
  outboxDue: 'by-next-try',
  outboxByConnection: 'by-connection',
  logByConnection: 'by-connection-time',
  connectionByCreated: 'by-created',
  ruleVersionByHistory: 'by-history',
  ruleCurrentByConnection: 'by-connection',
  ruleCurrentByProject: 'by-project',
  limitWindowByConnection: 'by-connection',
} as const;

const t = (type: AttributeType) => ({ type });

const logEntity = (name: string): EntitySpec => ({
  name,
  attributes: { connectionId: t('string'), at: t('float'), record: t('any') },
  indexes: [{ name: INDEX.logByConnection, partition: ['connectionId'], range: ['at'] }],
});

export const ENTITY_SPECS: EntitySpec[] = [
  {
    name: ENTITY.pair,
    attributes: { connectionId: t('string'), localIssueId: t('string'), partnerIssueId: t('string'), createdAt: t('float'), rev: t('integer'), record: t('any') },
    indexes: [
      { name: INDEX.pairByLocal, partition: ['connectionId'], range: ['localIssueId'] },
      { name: INDEX.pairByPartner, partition: ['connectionId'], range: ['partnerIssueId'] },
      { name: INDEX.pairByConnection, partition: ['connectionId'], range: ['createdAt'] },
    ],
  },
  {
    name: ENTITY.outbox,
    attributes: { connectionId: t('string'), createdAt: t('float'), nextTryAt: t('float'), entry: t('any') },
    indexes: [
      { name: INDEX.outboxDue, range: ['nextTryAt'] },
      { name: INDEX.outboxByConnection, partition: ['connectionId'], range: ['createdAt'] },
    ],
  },
  logEntity(ENTITY.error),
  logEntity(ENTITY.audit),
  {
    name: ENTITY.connection,
    attributes: { createdAt: t('float'), connection: t('any') },
    indexes: [{ name: INDEX.connectionByCreated, range: ['createdAt'] }],
  },
  {
    name: ENTITY.ruleVersion,
    attributes: { history: t('string'), version: t('integer'), ruleVersion: t('any') },
    indexes: [{ name: INDEX.ruleVersionByHistory, partition: ['history'], range: ['version'] }],
  },
  {
    name: ENTITY.ruleCurrent,
    attributes: { connectionId: t('string'), projectKey: t('string'), version: t('integer'), ruleVersion: t('any') },
    indexes: [
      { name: INDEX.ruleCurrentByConnection, partition: ['connectionId'], range: ['projectKey'] },
      { name: INDEX.ruleCurrentByProject, partition: ['projectKey'], range: ['connectionId'] },
    ],
  },
  {
    name: ENTITY.limitWindow,
    attributes: { connectionId: t('string'), start: t('float'), count: t('integer'), window: t('any') },
    indexes: [{ name: INDEX.limitWindowByConnection, partition: ['connectionId'], range: ['start'] }],
  },
];
