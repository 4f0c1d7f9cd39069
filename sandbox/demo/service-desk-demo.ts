// What `npm start` shows of Jira Service Management (issue 16, item 5): acme's ACME and globex's GLX
// are service desks with the same request types (so the request type crosses by name, no map), and
// the rule sharing every kind also sends, both ways, the request type, the request participants and
// the SLAs. Pat Requester, a customer of both companies, has an account on each site under the same
// email, so a participant added on one side is matched by email on the other.
import { createHash } from 'node:crypto';
import type { SiteSeed } from '../jira';
import { withServiceDesk } from '../jira/jsm/demo-desk';
import { demoSeed, everyKindRule } from './every-kind';

export const DEMO_REQUEST_TYPES = ['Get IT help', 'Report a bug', 'Request new hardware'];
export const DEMO_CUSTOMER = { displayName: 'Pat Requester', emailAddress: 'pat@initrode.example' };

/** Pat's account id on a demo site (as on Jira Cloud, one person's account ids differ per site here). */
export const demoCustomerId = (site: string): string => createHash('sha1').update(`${site}:pat-requester`).digest('hex').slice(0, 24);

/** A demo site's seed with its first project a service desk and Pat as a user. */
export function serviceDeskDemoSeed(site: string): SiteSeed {
  const seed = withServiceDesk(demoSeed(site), DEMO_REQUEST_TYPES);
  return { ...seed, users: [...seed.users, { accountId: demoCustomerId(site), ...DEMO_CUSTOMER, accountType: 'atlassian' }] };
}

/** The rule sharing every kind, plus the service desk data both ways (same request type names: no map). */
export function serviceDeskDemoRule(connectionId: string, projectKey: string) {
  const base = everyKindRule(connectionId, projectKey);
  return {
    ...base,
    outgoing: { ...base.outgoing, serviceDesk: { requestType: true, participants: true, sla: true } },
    incoming: { ...base.incoming, serviceDesk: { requestType: true, participants: true, requestTypes: {} } },
  };
}
