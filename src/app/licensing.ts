// Marketplace licensing, behind a switch that is off by default. With the Forge environment
// variable LIAISON_LICENSING=on (`forge variables set LIAISON_LICENSING on`; Forge exposes
// variables as process.env), resolvers and the issue trigger check the invocation's
// `context.license`. Forge passes a license only to paid apps in production and leaves it undefined
// in DEVELOPMENT and STAGING, so only production is checked; `active` is the field, `isActive` its
// deprecated name.
export type LicenseContext = { environmentType?: unknown; license?: { active?: unknown; isActive?: unknown } | null };

export const LICENSING_VARIABLE = 'LIAISON_LICENSING';

export const licensingEnabled = (env: Record<string, string | undefined> = process.env): boolean => (env[LICENSING_VARIABLE] ?? '').trim().toLowerCase() === 'on';

/** Why Liaison may not run for this invocation, or null when it may. */
export function licenseProblem(context: LicenseContext | undefined, env: Record<string, string | undefined> = process.env): string | null {
  if (!licensingEnabled(env)) return null;
  if (context?.environmentType !== 'PRODUCTION') return null;
  const license = context.license;
  const active = license?.active ?? license?.isActive;
  if (active === true) return null;
  return license ? 'Liaison’s license for this site is not active: renew or restart the subscription in Manage apps.' : 'Liaison has no license for this site: subscribe in Manage apps (Atlassian Marketplace).';
}
