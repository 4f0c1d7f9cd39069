// Branded ids: a local issue id and a partner issue id are both strings on the wire, but mixing
// them up is the classic mirroring bug (writing to the partner's id locally), so the type system
// keeps them apart. Construct them only at boundaries (snapshot parsing, pair records, messages).
declare const brand: unique symbol;
type Brand<T, B extends string> = T & { readonly [brand]: B };

export type LocalIssueId = Brand<string, 'LocalIssueId'>;
export type PartnerIssueId = Brand<string, 'PartnerIssueId'>;
export type PairId = Brand<string, 'PairId'>;
export type ConnectionId = Brand<string, 'ConnectionId'>;
export type MessageId = Brand<string, 'MessageId'>;

function nonEmpty(kind: string, value: string): string {
  if (typeof value !== 'string' || value.length === 0) throw new TypeError(`${kind} must be a non-empty string`);
  return value;
}

export const localIssueId = (v: string): LocalIssueId => nonEmpty('LocalIssueId', v) as LocalIssueId;
export const partnerIssueId = (v: string): PartnerIssueId => nonEmpty('PartnerIssueId', v) as PartnerIssueId;
export const pairId = (v: string): PairId => nonEmpty('PairId', v) as PairId;
export const connectionId = (v: string): ConnectionId => nonEmpty('ConnectionId', v) as ConnectionId;
export const messageId = (v: string): MessageId => nonEmpty('MessageId', v) as MessageId;
