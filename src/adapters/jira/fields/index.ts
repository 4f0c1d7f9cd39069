// Every standard field kind's Jira registration. A Record over the core's keys, so a kind added to
// src/core/fields without its Jira registration fails the typecheck here.
import type { StandardFieldKey } from '../../../core/fields/standard-fields';
import { versions } from './affects-versions';
import { components } from './components';
import { description } from './description';
import { duedate } from './duedate';
import { fixVersions } from './fix-versions';
import { issuetype } from './issuetype';
import type { JiraField } from './jira-field';
import { labels } from './labels';
import { assignee, reporter } from './people';
import { priority } from './priority';
import { status } from './status';
import { summary } from './summary';
import { timeestimate, timeoriginalestimate } from './estimates';
import { timespent } from './time-spent';

export const JIRA_FIELDS: Readonly<Record<StandardFieldKey, JiraField>> = {
  summary, description, issuetype, priority, status, labels, duedate, assignee, reporter,
  components, fixVersions, versions,
  timeoriginalestimate, timeestimate, timespent,
};

/** The registration of a standard field key; undefined for custom fields. */
export const jiraField = (key: string): JiraField | undefined => (Object.hasOwn(JIRA_FIELDS, key) ? JIRA_FIELDS[key as StandardFieldKey] : undefined);

export { decodeUser, named, isObject, DATE, empty, SUMMARY_MAX, RICH_TEXT_MAX, TEXT_FIELD_MAX, type JiraField, type MetaContext, type UserPrivacy } from './jira-field';
