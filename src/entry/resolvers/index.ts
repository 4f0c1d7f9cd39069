// The Custom UI resolver: validates each payload against the shared contract, runs the row for its
// key, and answers with the typed envelope. Expected failures become `{ ok: false, error }`;
// anything else is rethrown so Forge records the invocation as failed.
import Resolver from '@forge/resolver';
import { AppError } from '../../app/app-error';
import type { CallContext } from '../../app/guards';
import { licenseProblem, type LicenseContext } from '../../app/licensing';
import { syncDeps } from '../../app/sync-deps';
import { payloads, resolverKeys, type ResolverKey, type ResolverResult } from '../../shared/resolver-contract';
import { definitions } from './definitions';

type ForgeRequest = { payload?: unknown; context?: LicenseContext & { accountId?: string; extension?: CallContext['extension'] } };

function failure(error: AppError): ResolverResult<never> {
  return { ok: false, error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } };
}

async function run(key: ResolverKey, req: ForgeRequest): Promise<ResolverResult<unknown>> {
  const unlicensed = licenseProblem(req.context);
  if (unlicensed) return failure(new AppError('forbidden', unlicensed));
  const parsed = payloads[key].safeParse(req.payload ?? {});
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(payload)', message: i.message }));
    return failure(new AppError('invalid-payload', details.map((d) => `${d.path}: ${d.message}`).join('; '), details));
  }
  const ctx: CallContext = { accountId: req.context?.accountId ?? null, extension: req.context?.extension ?? {} };
  try {
    const data = await (definitions[key] as (p: unknown, c: CallContext, d: ReturnType<typeof syncDeps>) => Promise<unknown>)(parsed.data, ctx, syncDeps());
    return { ok: true, data };
  } catch (e) {
    if (e instanceof AppError) return failure(e);
    throw e;
  }
}

const resolver = new Resolver();
for (const key of resolverKeys) resolver.define(key, (req: ForgeRequest) => run(key, req));

export const handler = resolver.getDefinitions();
