// The bottom of the rule editor: what went wrong with the last save (each problem named by its
// control's label, a link that focuses the control), and, while the draft differs from the saved
// version, a footer that stays in view with the comment, Save and Discard.
import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import Textfield from '@atlaskit/textfield';
import { ResolverErrorMessage } from '../../../shared/components/ResolverErrorMessage';
import type { ResolverError } from '../../../shared/logic/resolver-client';
import type { LabelledProblem } from '../logic/validation-errors';

/** The first of `targets` that is on the page, focused and scrolled to. */
export function focusFirst(targets: readonly string[]): boolean {
  for (const id of targets) {
    const el = document.getElementById(id);
    if (el) {
      el.focus();
      el.scrollIntoView({ block: 'center' });
      return true;
    }
  }
  return false;
}

/** Problems in the order their controls appear on the page, so "first" means first on screen. */
export function inPageOrder(problems: readonly LabelledProblem[]): LabelledProblem[] {
  const position = (p: LabelledProblem) => p.targets.map((id) => document.getElementById(id)).find((el) => el !== null) ?? null;
  return [...problems].sort((a, b) => {
    const ea = position(a);
    const eb = position(b);
    if (!ea || !eb) return ea ? -1 : eb ? 1 : 0;
    return ea.compareDocumentPosition(eb) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
  });
}

export function SaveProblems({ error, problems }: { error: ResolverError | null; problems: readonly LabelledProblem[] }) {
  if (!error && problems.length === 0) return null;
  if (error && problems.length === 0) return <ResolverErrorMessage error={error} title="The rule was not saved" />;
  return (
    <SectionMessage appearance="error" title={`The rule was not saved: ${problems.length === 1 ? '1 setting needs' : `${problems.length} settings need`} a change`}>
      <ul className="lz-list" aria-label="Settings to fix">
        {problems.map((p, i) => (
          <li key={i}>
            {p.targets.length > 0 ? (
              <a
                className="lz-link"
                href={`#${p.targets[0]}`}
                onClick={(e) => {
                  e.preventDefault();
                  focusFirst(p.targets);
                }}
              >
                {p.label}
              </a>
            ) : (
              <strong>{p.label}</strong>
            )}
            : {p.message}
          </li>
        ))}
      </ul>
    </SectionMessage>
  );
}

type FooterProps = { comment: string; onComment: (v: string) => void; saving: boolean; onDiscard: () => void };

export function SaveFooter({ comment, onComment, saving, onDiscard }: FooterProps) {
  return (
    <div className="lz-footer" role="region" aria-label="Unsaved changes">
      <span className="lz-footer-text">Unsaved changes</span>
      <div className="lz-grow">
        <Textfield id="rule-comment" aria-label="What changed and why (kept in the version history)" placeholder="What changed and why (kept in the version history)" value={comment} onChange={(e) => onComment((e.target as HTMLInputElement).value)} />
      </div>
      <Button type="submit" appearance="primary" isDisabled={saving}>
        {saving ? 'Saving…' : 'Save'}
      </Button>
      <Button onClick={onDiscard} isDisabled={saving}>
        Discard
      </Button>
    </div>
  );
}
