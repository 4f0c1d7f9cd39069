// The one place the UIs touch @forge/bridge for resolver calls.
import { invoke } from '@forge/bridge';
import { makeResolverClient } from './logic/resolver-client';

export const callResolver = makeResolverClient((key, payload) => invoke(key, payload));
