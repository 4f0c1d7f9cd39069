// Original and remaining estimate, in seconds. Read as Jira's own fields `timeoriginalestimate` and
// `timeestimate` (numbers of seconds in the one issue GET); written through the `timetracking`
// field, which is what Jira's edit screen takes ({ originalEstimate, remainingEstimate } as
// durations). Both registrations write into the same `timetracking` object of one PUT.
import type { ReplicaValue } from '../../../core/replica/value';
import { empty, isObject, type JiraField } from './jira-field';

/** Jira's time tracking works in whole minutes: "90m" is stored as 5,400 seconds. */
const minutes = (seconds: number): number => Math.max(0, Math.round(seconds / 60));

function estimate(key: 'originalEstimate' | 'remainingEstimate'): JiraField {
  return {
    shape: { kind: 'number', jira: 'number' },
    decode: (raw) => (typeof raw === 'number' && Number.isFinite(raw) && raw >= 0 ? { kind: 'number', value: raw } : empty),
    constraint: () => ({ kind: 'number', min: 0, integer: true }),
    encode: (value: ReplicaValue, fields: Record<string, unknown>): ReplicaValue => {
      const tt = isObject(fields.timetracking) ? fields.timetracking : {};
      if (value.kind === 'empty') {
        fields.timetracking = { ...tt, [key]: '' };
        return empty;
      }
      if (value.kind !== 'number') throw new TypeError(`${key} takes a number of seconds, not a ${value.kind} value`);
      const m = minutes(value.value);
      fields.timetracking = { ...tt, [key]: `${m}m` };
      return { kind: 'number', value: m * 60 };
    },
  };
}

export const timeoriginalestimate = estimate('originalEstimate');
export const timeestimate = estimate('remainingEstimate');
