// The request type map checked against this project's service desk when the rule is saved or
// imported, as the link type map is against the site's link types: a local request type that does
// not exist is a problem at its row, instead of every partner request of that type refused later.
import type { Tracker } from '../ports/tracker';
import { formatPath, type RuleProblem } from './format-issues';
import type { SharingRule } from './schema';

export async function requestTypeProblems(tracker: Pick<Tracker, 'requestTypeNames'>, rule: SharingRule): Promise<RuleProblem[]> {
  const map = Object.entries(rule.incoming.serviceDesk.requestTypes);
  if (map.length === 0 && !rule.incoming.serviceDesk.requestType) return [];
  const at = (partner: string) => formatPath(['incoming', 'serviceDesk', 'requestTypes', partner]);
  const names = tracker.requestTypeNames ? await tracker.requestTypeNames(rule.projectKey) : null;
  if (names === null) {
    const message = `${rule.projectKey} is not a service desk, so it has no request types`;
    return map.length > 0 ? map.map(([partner]) => ({ path: at(partner), message })) : [{ path: formatPath(['incoming', 'serviceDesk', 'requestType']), message }];
  }
  const byLower = new Map(names.map((n) => [n.toLowerCase(), n]));
  const problems: RuleProblem[] = [];
  for (const [partner, local] of map) {
    if (names.includes(local)) continue;
    const known = byLower.get(local.toLowerCase());
    problems.push({ path: at(partner), message: known ? `"${local}" is written "${known}" in ${rule.projectKey}` : `"${local}" is not a request type of ${rule.projectKey} (it has ${names.map((n) => `"${n}"`).join(', ') || 'none'})` });
  }
  return problems;
}
