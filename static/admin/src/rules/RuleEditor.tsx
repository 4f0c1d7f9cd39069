// Edits one project's sharing rule. Saving sends the whole document; the backend validates it and
// any problems come back with paths, shown next to the controls they concern.
import { useMemo, useState } from 'react';
import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import type { ConnectionView, ResolverResult, RuleView } from '../../../../src/shared/resolver-contract';
import { ResolverErrorMessage } from '../../../shared/components/ResolverErrorMessage';
import { partnerTerms } from '../../../shared/logic/partner-terms';
import type { ResolverError } from '../../../shared/logic/resolver-client';
import { draftFrom, type RuleDraft } from '../logic/rule-draft';
import { ruleWords } from '../logic/rule-wording';
import { RULE_CONTROL_PATHS, rulePathsOnly, unplacedProblems, type Problem } from '../logic/validation-errors';
import { TextControl } from './controls';
import { FieldsTable } from './FieldsTable';
import { IncomingSection, ModeSection, OutgoingSection, ScopeSection } from './RuleSections';

type Props = {
  view: RuleView;
  save: (rule: RuleDraft, comment: string) => Promise<ResolverResult<unknown>>;
  onSaved: () => Promise<void>;
  /** The connection the rule is for: its partner's kind decides the wording. */
  connection?: Pick<ConnectionView, 'partnerKind' | 'table'>;
};

export function RuleEditor({ view, save, onSaved, connection }: Props) {
  const words = ruleWords(partnerTerms(connection?.partnerKind, connection?.table));
  const [rule, setRule] = useState<RuleDraft>(() => draftFrom(view.current?.rule ?? null, view.connectionId, view.projectKey));
  const [comment, setComment] = useState('');
  const [serverProblems, setServerProblems] = useState<Problem[]>([]);
  const [localProblems, setLocalProblems] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<ResolverError | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);

  const problems = useMemo(
    () => [...serverProblems, ...Object.entries(localProblems).flatMap(([path, ms]) => ms.map((message) => ({ path, message })))],
    [serverProblems, localProblems],
  );
  const unplaced = unplacedProblems(problems, RULE_CONTROL_PATHS);
  const hasLocal = Object.values(localProblems).some((ms) => ms.length > 0);
  const sectionProps = { rule, problems, words, onChange: setRule, onLocalProblem: (path: string, ms: string[]) => setLocalProblems((p) => ({ ...p, [path]: ms })) };

  const submit = async () => {
    setSaving(true);
    setSaved(null);
    const result = await save(rule, comment);
    setSaving(false);
    if (result.ok) {
      setServerProblems([]);
      setError(null);
      setComment('');
      setSaved('Saved as a new version.');
      await onSaved();
      return;
    }
    setError(result.error);
    setServerProblems(rulePathsOnly(result.error.details ?? []));
  };

  return (
    <form
      className="lz-page"
      aria-label={`Sharing rule for ${view.projectKey}`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      {error && (
        <ResolverErrorMessage error={error} title="The rule was not saved" detail={problems.length ? 'Each problem is shown next to the setting it concerns.' : undefined} />
      )}
      {unplaced.length > 0 && (
        <SectionMessage appearance="error" title="Other problems">
          <ul className="lz-list">
            {unplaced.map((p, i) => (
              <li key={i}>
                {p.path}: {p.message}
              </li>
            ))}
          </ul>
        </SectionMessage>
      )}
      <FieldsTable rule={rule} catalog={view.fieldCatalog} problems={problems} onChange={setRule} words={words} />
      <div className="lz-grid">
        <OutgoingSection {...sectionProps} />
        <IncomingSection {...sectionProps} />
        <ScopeSection {...sectionProps} />
        <ModeSection {...sectionProps} />
      </div>
      <TextControl path="comment" label="What changed and why (kept in the version history)" problems={[]} value={comment} onChange={setComment} live />
      <div className="lz-row">
        <Button type="submit" appearance="primary" isDisabled={saving || hasLocal}>
          {saving ? 'Saving…' : 'Save rule'}
        </Button>
        {hasLocal && <span className="lz-muted">Fix the marked value maps first.</span>}
        {saved && <span role="status">{saved}</span>}
      </div>
    </form>
  );
}
