// IssueBean rendering: the `fields` selection rules (`*all`, `*navigable`, names, `-name`) and `expand`.
import { adfToHtml } from './adf';
import { partFieldView } from './project-parts';
import type { RequestScope, SiteContext } from './context';
import { fieldDefs, type FieldDef } from './field-catalog';
import { parentView, subtasksView } from './hierarchy';
import { issueLinksView } from './issue-links';
import { jsmFieldValue } from './jsm/issue-fields';
import { attachmentView, canSeeComment, changelogView, commentView } from './record-views';
import { canSeeWorklog } from './routes-worklogs';
import { timeSpent, timeTrackingField, worklogField } from './worklog-model';
import { jiraTimestamp } from './time';
import type { IssueRecord } from './types';
import { issueTypeView, optionView, priorityView, projectRef, statusView, userRef } from './views';

export type FieldDefault = 'all' | 'navigable' | 'none';

/** Turns `fields` tokens (comma lists, possibly repeated) into the set of field ids to render. */
export function selectFields(site: SiteContext, tokens: string[], fallback: FieldDefault): Set<string> {
  const defs = fieldDefs(site);
  const all = defs.map((d) => d.id);
  const navigable = defs.filter((d) => d.navigable).map((d) => d.id);
  const names = tokens.flatMap((t) => t.split(',')).map((t) => t.trim()).filter(Boolean);
  const chosen = new Set<string>();
  const excluded = new Set<string>();
  let sawPositive = false;
  for (const n of names) {
    if (n.startsWith('-')) excluded.add(n.slice(1));
    else {
      sawPositive = true;
      if (n === '*all') all.forEach((f) => chosen.add(f));
      else if (n === '*navigable') navigable.forEach((f) => chosen.add(f));
      else if (n !== 'id' && n !== 'key' && n !== '*none') chosen.add(n);
    }
  }
  if (!sawPositive) {
    const base = fallback === 'all' ? all : fallback === 'navigable' || names.length > 0 ? navigable : [];
    base.forEach((f) => chosen.add(f));
  }
  for (const e of excluded) chosen.delete(e);
  // Unknown names are ignored, as Jira does.
  return new Set([...chosen].filter((f) => all.includes(f)));
}

function customValue(site: SiteContext, issue: IssueRecord, def: FieldDef): unknown {
  const raw = issue.custom[def.id];
  if (raw === undefined) return null;
  if (typeof raw === 'object') {
    const option = site.catalog.customField(def.id)?.options?.find((o) => o.id === raw.optionId);
    return option ? optionView(site, option) : null;
  }
  return raw;
}

export function fieldValue(scope: RequestScope, issue: IssueRecord, id: string, rendered = false): unknown {
  const { site } = scope;
  const project = site.catalog.projectByKey(issue.projectKey);
  switch (id) {
    case 'summary': return issue.summary;
    case 'description': return rendered ? adfToHtml(issue.description) : issue.description;
    case 'issuetype': {
      const t = site.catalog.issueType(issue.issueTypeId, project);
      return t ? issueTypeView(site, t) : null;
    }
    case 'project': return projectRef(site, project);
    case 'status': {
      const s = site.catalog.status(issue.statusId);
      return s ? statusView(site, s) : null;
    }
    case 'priority': {
      const p = issue.priorityId ? site.catalog.priority(issue.priorityId) : undefined;
      return p ? priorityView(site, p) : null;
    }
    case 'labels': return [...issue.labels];
    case 'duedate': return issue.duedate;
    case 'assignee': return userRef(site, issue.assigneeId);
    case 'reporter': return userRef(site, issue.reporterId);
    case 'creator': return userRef(site, issue.creatorId);
    case 'created': return jiraTimestamp(issue.created);
    case 'updated': return jiraTimestamp(issue.updated);
    case 'statuscategorychangedate': return jiraTimestamp(issue.statusCategoryChanged);
    case 'comment': {
      const comments = site.store.comments(issue.id).filter((c) => canSeeComment(scope.user, c));
      return {
        comments: comments.map((c) => commentView(site, c, { rendered })),
        self: `${site.siteUrl}/rest/api/3/issue/${issue.id}/comment`,
        maxResults: comments.length,
        total: comments.length,
        startAt: 0,
      };
    }
    case 'attachment': return site.store.attachments(issue.id).map((a) => attachmentView(site, a));
    case 'worklog': return worklogField(site, issue.id, (w) => canSeeWorklog(scope.user, w));
    case 'timetracking': return timeTrackingField(site, issue.id);
    case 'timeoriginalestimate': return site.store.timeTracking(issue.id).originalEstimate;
    case 'timeestimate': return site.store.timeTracking(issue.id).remainingEstimate;
    case 'timespent': return timeSpent(site, issue.id);
    case 'components':
    case 'fixVersions':
    case 'versions': return partFieldView(site, issue, id);
    case 'parent': return parentView(scope, issue);
    case 'subtasks': return subtasksView(scope, issue);
    case 'issuelinks': return issueLinksView(scope, issue);
    default: {
      const jsm = jsmFieldValue(scope, issue, id);
      if (jsm !== undefined) return jsm;
      const def = fieldDefs(site).find((d) => d.id === id);
      return def ? customValue(site, issue, def) : null;
    }
  }
}

export interface IssueViewOptions {
  fields: Set<string>;
  expand: string[];
  properties?: string[];
}

export function issueBean(scope: RequestScope, issue: IssueRecord, opts: IssueViewOptions): Record<string, unknown> {
  const { site } = scope;
  const defs = fieldDefs(site).filter((d) => opts.fields.has(d.id));
  const fields: Record<string, unknown> = {};
  for (const d of defs) fields[d.id] = fieldValue(scope, issue, d.id);
  const bean: Record<string, unknown> = {
    expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
    id: issue.id,
    self: `${site.siteUrl}/rest/api/3/issue/${issue.id}`,
    key: issue.key,
  };
  if (defs.length > 0) bean.fields = fields;
  const expand = new Set(opts.expand);
  if (expand.has('renderedFields')) {
    const rendered: Record<string, unknown> = {};
    for (const d of defs) rendered[d.id] = fieldValue(scope, issue, d.id, true);
    bean.renderedFields = rendered;
  }
  if (expand.has('names')) bean.names = Object.fromEntries(defs.map((d) => [d.id, d.name]));
  if (expand.has('schema')) bean.schema = Object.fromEntries(defs.map((d) => [d.id, d.schema]));
  if (expand.has('changelog')) {
    // Jira lists the most recent history first in the expanded changelog.
    const histories = site.store.changelog(issue.id).reverse().map((h) => changelogView(site, h));
    bean.changelog = { startAt: 0, maxResults: histories.length, total: histories.length, histories };
  }
  if (opts.properties && opts.properties.length > 0) {
    const wanted = new Set(opts.properties.flatMap((p) => p.split(',')));
    const props = site.store.properties('issue', issue.id).filter((p) => wanted.has('*all') || wanted.has(p.key));
    bean.properties = Object.fromEntries(props.map((p) => [p.key, p.value]));
  }
  return bean;
}

/** The documented subset of issue fields a Forge issue event carries. */
export function eventIssue(scope: RequestScope, issue: IssueRecord): Record<string, unknown> {
  const pick = ['summary', 'issuetype', 'creator', 'created', 'project', 'reporter', 'assignee', 'updated', 'status'];
  return {
    id: issue.id,
    key: issue.key,
    fields: Object.fromEntries(pick.map((f) => [f, fieldValue(scope, issue, f)])),
  };
}
