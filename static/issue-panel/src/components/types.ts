import type { PayloadOf, ResolverKey } from '../../../../src/shared/resolver-contract';

/** The panel's action runner (see useAction): label for the busy state, then the resolver call. */
export type RunAction = <T>(label: string, key: ResolverKey, payload: PayloadOf<ResolverKey>) => Promise<T | null>;
