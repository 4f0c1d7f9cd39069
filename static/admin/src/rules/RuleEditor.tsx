// Edits one project's sharing rule. Saving sends the whole document; the backend validates it and
// any problems come back with paths, shown next to the controls they concern and listed by label
// above the footer. A saved version is announced in a Jira flag.
import { useEffect, useMemo, useState } from 'react';
import { showFlag } from '@forge/bridge';
import type { ConnectionView, ResolverResult, RuleVersionView, RuleView } from '../../../../src/shared/resolver-contract';
import { partnerTerms } from '../../../shared/logic/partner-terms';
import type { ResolverError } from '../../../shared/logic/resolver-client';
import { draftFrom, type RuleDraft } from '../logic/rule-draft';
import { pickerData, type Account, type PickerData } from '../logic/rule-picker-data';
import { isDirty } from '../logic/rule-pickers';
import { ruleWords } from '../logic/rule-wording';
import { labelProblems, rulePathsOnly, type Problem } from '../logic/validation-errors';
import { FieldsTable } from './FieldsTable';
import { IncomingSection } from './IncomingSection';
import { RelationsSection } from './RelationsSection';
import { ServiceDeskSection } from './ServiceDeskSection';
import { ModeSection, OutgoingSection, ScopeSection } from './RuleSections';
import { focusFirst, inPageOrder, SaveFooter, SaveProblems } from './SaveFooter';

type Props = {
  view: RuleView;
  save: (rule: RuleDraft, comment: string) => Promise<ResolverResult<unknown>>;
  onSaved: () => Promise<void>;
  /** The connection the rule is for: its partner's kind and name decide the wording. */
  connection?: Pick<ConnectionView, 'partnerKind' | 'table'> & { partner?: { name: string | null } | null };
  /** Projects a partner-created issue may land in (the rule's own project when not given). */
  projects?: Array<{ key: string; name: string }>;
  /** Jira's people, where this page may list them. */
  accounts?: { search: (query: string) => Promise<Account[]>; names: (accountIds: string[]) => Promise<Account[]> } | null;
};

function accountIdsOf(rule: RuleDraft): string[] {
  const users = rule.incoming?.users;
  return [...new Set([...Object.values(users?.map ?? {}), ...(users?.defaultAccountId ? [users.defaultAccountId] : [])])];
}

export function RuleEditor({ view, save, onSaved, connection, projects, accounts }: Props) {
  const words = ruleWords(partnerTerms(connection?.partnerKind, connection?.table));
  const saved = view.current?.rule ?? null;
  const fresh = () => draftFrom(saved, view.connectionId, view.projectKey);
  const [rule, setRule] = useState<RuleDraft>(fresh);
  // Discard starts the controls again (tables and text boxes keep rows and text of their own).
  const [generation, setGeneration] = useState(0);
  const [comment, setComment] = useState('');
  const [serverProblems, setServerProblems] = useState<Problem[]>([]);
  const [localProblems, setLocalProblems] = useState<Record<string, string[]>>({});
  const [shownLocal, setShownLocal] = useState(false);
  const [error, setError] = useState<ResolverError | null>(null);
  const [saving, setSaving] = useState(false);
  const [focusTick, setFocusTick] = useState(0);
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());

  useEffect(() => {
    const ids = accountIdsOf(rule);
    if (!accounts || ids.length === 0) return;
    void accounts.names(ids).then((found) => setNames((m) => new Map([...m, ...found.map((a) => [a.accountId, a.displayName] as const)])), () => undefined);
    // Only the saved rule's accounts need names: picked ones bring theirs.
  }, [accounts, view.current?.version]);

  const data: PickerData = useMemo(
    () => pickerData(view, connection, { projects: projects ?? [{ key: view.projectKey, name: view.projectKey }], names, search: accounts?.search ?? null, rememberName: (a) => setNames((m) => new Map([...m, [a.accountId, a.displayName]])) }),
    [view, connection, projects, names, accounts],
  );
  const local = Object.entries(localProblems).flatMap(([path, ms]) => ms.map((message) => ({ path, message })));
  const problems = useMemo(() => [...serverProblems, ...(shownLocal ? local : [])], [serverProblems, shownLocal, local]);
  const fieldNames = useMemo(() => new Map(view.fieldCatalog.map((f) => [f.key, f.name])), [view.fieldCatalog]);
  const listed = useMemo(() => inPageOrder(labelProblems(problems, fieldNames)), [problems, fieldNames]);
  // A half-filled row or an unreadable size is unsaved input too, even while the rule itself is unchanged.
  const dirty = isDirty(saved, rule) || local.length > 0;

  // After a refused save, focus goes to the first control with a problem.
  useEffect(() => {
    if (focusTick > 0 && listed[0]) focusFirst(listed[0].targets);
  }, [focusTick]);

  const submit = async () => {
    if (local.length > 0) {
      setShownLocal(true);
      setError(null);
      setFocusTick((t) => t + 1);
      return;
    }
    setSaving(true);
    const result = await save(rule, comment);
    setSaving(false);
    if (result.ok) {
      const version = (result.data as Partial<RuleVersionView> | null)?.version;
      announce(version ? `Rule saved as version ${version}` : 'Rule saved', comment);
      await onSaved();
      return;
    }
    setError(result.error);
    setServerProblems(rulePathsOnly(result.error.details ?? []));
    setFocusTick((t) => t + 1);
  };

  const discard = () => {
    setRule(fresh());
    setComment('');
    setServerProblems([]);
    setLocalProblems({});
    setShownLocal(false);
    setError(null);
    setGeneration((g) => g + 1);
  };

  const sectionProps = { rule, problems, words, data, onChange: setRule, onLocalProblem: (path: string, ms: string[]) => setLocalProblems((p) => ({ ...p, [path]: ms })) };
  return (
    <form
      className="lz-page"
      aria-label={`Sharing rule for ${view.projectKey}`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div key={generation} className="lz-page">
        <FieldsTable rule={rule} catalog={view.fieldCatalog} problems={problems} onChange={setRule} words={words} />
        <div className="lz-grid">
          <OutgoingSection {...sectionProps} />
          <ScopeSection {...sectionProps} />
          <ModeSection {...sectionProps} />
          {/* Full width, as the maps below them: two dropdowns side by side need the room (a grid cell cut link types to "Bl…"). */}
          <RelationsSection {...sectionProps} partner={connection?.partnerKind === 'servicenow' ? { serviceNowTable: connection.table ?? 'incident' } : {}} />
          <ServiceDeskSection {...sectionProps} />
          {/* Last and full width: its value maps need room for two dropdowns side by side. */}
          <IncomingSection {...sectionProps} />
        </div>
      </div>
      <SaveProblems error={error} problems={listed} />
      {dirty && <SaveFooter comment={comment} onComment={setComment} saving={saving} onDiscard={discard} />}
    </form>
  );
}

/** A Jira flag; where the host has none (a test page) the version line above the editor still says it. */
function announce(title: string, comment: string): void {
  try {
    showFlag({ id: `liaison-rule-saved-${Date.now()}`, title, type: 'success', ...(comment.trim() ? { description: comment.trim() } : {}), isAutoDismiss: true });
  } catch {
    // showFlag throws only for options it refuses; ours are fixed.
  }
}
