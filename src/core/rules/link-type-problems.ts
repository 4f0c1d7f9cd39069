// The link type map checked against the tracker's own link types when the rule is saved or
// imported (Jira: GET /rest/api/3/issueLinkType), as value maps are checked against the project's
// metadata: a local type that does not exist is a problem at its row, in plain words, instead of
// every partner link of that type refused later, one error per link.
import type { Tracker } from '../ports/tracker';
import { formatPath, type RuleProblem } from './format-issues';
import type { SharingRule } from './schema';

export async function linkTypeProblems(tracker: Pick<Tracker, 'linkTypeNames'>, rule: SharingRule): Promise<RuleProblem[]> {
  const map = Object.entries(rule.incoming.relations.linkTypes);
  if (map.length === 0) return [];
  const at = (partner: string) => formatPath(['incoming', 'relations', 'linkTypes', partner]);
  if (!tracker.linkTypeNames) return map.map(([partner]) => ({ path: at(partner), message: 'this tracker has no issue links' }));
  const names = await tracker.linkTypeNames();
  // Jira finds a link type by name whatever its case; the map should still say it as Jira does.
  const byLower = new Map(names.map((n) => [n.toLowerCase(), n]));
  const problems: RuleProblem[] = [];
  for (const [partner, local] of map) {
    if (names.includes(local)) continue;
    const known = byLower.get(local.toLowerCase());
    problems.push({
      path: at(partner),
      message: known ? `"${local}" is written "${known}" on this site` : `"${local}" is not a link type on this site (it has ${names.map((n) => `"${n}"`).join(', ') || 'none'})`,
    });
  }
  return problems;
}
