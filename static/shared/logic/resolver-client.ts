// Every resolver answers with a ResolverResult envelope. The bridge can still fail on its own
// (network, a resolver that threw, an answer of the wrong shape); those become an `unavailable`
// error so components only ever handle one shape.
import type { PayloadOf, ResolverKey, ResolverResult } from '../../../src/shared/resolver-contract';

export type InvokeFn = (functionKey: string, payload: Record<string, unknown>) => Promise<unknown>;
export type ResolverError = Extract<ResolverResult<unknown>, { ok: false }>['error'];
export type CallResolver = <T>(key: ResolverKey, payload: PayloadOf<ResolverKey>) => Promise<ResolverResult<T>>;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function isResolverResult(v: unknown): v is ResolverResult<unknown> {
  if (!isObj(v)) return false;
  if (v.ok === true) return 'data' in v;
  return v.ok === false && isObj(v.error) && typeof v.error.code === 'string' && typeof v.error.message === 'string';
}

export function unavailable(message: string): { ok: false; error: ResolverError } {
  return { ok: false, error: { code: 'unavailable', message } };
}

export function makeResolverClient(invoke: InvokeFn): CallResolver {
  return async <T>(key: ResolverKey, payload: PayloadOf<ResolverKey>): Promise<ResolverResult<T>> => {
    let answer: unknown;
    try {
      answer = await invoke(key, payload as Record<string, unknown>);
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      return unavailable(`Liaison could not be reached (${key}): ${why.trim() || 'no reason given'}. Try again in a moment.`);
    }
    if (!isResolverResult(answer)) return unavailable(`Liaison gave an answer this page does not understand (${key}).`);
    return answer as ResolverResult<T>;
  };
}
