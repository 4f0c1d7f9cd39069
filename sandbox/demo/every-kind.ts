// What `npm start` shows of every field kind Liaison mirrors (issue 16): the rule between acme's
// ACME and globex's GLX shares, both ways, on top of the basic demo fields, the issue type,
// components, fix and affects versions, original and remaining estimates, worklogs, parent and
// sub-tasks, and issue links; and the demo sites' projects hold the same components and versions (the
// emulator's link types are the same on every site), so each kind can be tried with any Jira client.
import { defaultSeed, type SiteSeed } from '../jira';
import type { ProjectPartSeed } from '../jira/types';
import { DEFAULT_LINK_TYPES } from '../jira/issue-links';
import { DEMO_FIELDS, demoRule } from './liaison-demo';

/** The kinds beyond DEMO_FIELDS, as `npm start` describes them in `pairs[].fields`. */
export const EVERY_KIND_FIELDS = {
  ...DEMO_FIELDS, issuetype: 'both', components: 'both', fixVersions: 'both', versions: 'both', timeoriginalestimate: 'both', timeestimate: 'both',
} as const;

const COMPONENTS: ProjectPartSeed[] = [
  { id: '10100', name: 'Portal', description: 'The customer portal' },
  { id: '10101', name: 'Billing' },
  { id: '10102', name: 'Mobile app' },
];
const VERSIONS: ProjectPartSeed[] = [
  { id: '10200', name: '1.0', released: true },
  { id: '10201', name: '1.1' },
  { id: '10202', name: '2.0' },
];

/** A demo site's seed: the default one, its projects with the shared components and versions. */
export function demoSeed(site: string): SiteSeed {
  const seed = defaultSeed(site);
  return { ...seed, projects: seed.projects.map((p) => ({ ...p, components: COMPONENTS, versions: VERSIONS })) };
}

/** The demo rule with every kind shared both ways: same names on both sites, so no value maps. */
export function everyKindRule(connectionId: string, projectKey: string) {
  const base = demoRule(connectionId, projectKey);
  const extra = Object.keys(EVERY_KIND_FIELDS).filter((f) => !(f in base.fields));
  return {
    ...base,
    fields: { ...base.fields, ...Object.fromEntries(extra.map((f) => [f, { direction: 'both', conflict: 'latest' }])) },
    outgoing: { ...base.outgoing, worklogs: { enabled: true }, relations: { hierarchy: true, bringParent: true, links: true } },
    incoming: {
      ...base.incoming,
      worklogs: { enabled: true },
      relations: { hierarchy: true, links: true, linkTypes: Object.fromEntries(DEFAULT_LINK_TYPES.map((t) => [t.name, t.name])) },
    },
  };
}
