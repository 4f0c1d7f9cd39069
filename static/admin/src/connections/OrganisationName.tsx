// Our organisation's name as partners see it (admin/profile/get), with an inline form to change it
// (admin/profile/save). Saving sends the signed profile to every connected Jira partner, so their
// pages name this site by the new name.
import { useState } from 'react';
import Button from '@atlaskit/button/new';
import { ErrorMessage, HelperMessage, Label } from '@atlaskit/form';
import SectionMessage from '@atlaskit/section-message';
import Textfield from '@atlaskit/textfield';
import type { SiteProfileView } from '../../../../src/shared/resolver-contract';
import { ResolverErrorMessage } from '../../../shared/components/ResolverErrorMessage';
import { callResolver } from '../../../shared/bridge';
import type { ResolverError } from '../../../shared/logic/resolver-client';
import { useResolver } from '../../../shared/use-resolver';

const FIELD_LABELS: Record<string, string> = { name: 'Organisation name' };

const hostOf = (site: string): string => {
  try {
    return new URL(site).host;
  } catch {
    return site;
  }
};

export function OrganisationName() {
  const profile = useResolver<SiteProfileView>('admin/profile/get', {});
  const [draft, setDraft] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ResolverError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const shown = profile.data;

  const save = async () => {
    if (draft === null) return;
    setBusy(true);
    setError(null);
    const result = await callResolver<SiteProfileView>('admin/profile/save', { name: draft });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setDraft(null);
    setSaved(result.data.name);
    await profile.reload();
  };
  // The resolver's validation problems, each under the field it names.
  const fieldProblem = error?.details?.find((d) => d.path === 'name')?.message ?? null;
  const otherDetails = (error?.details ?? []).filter((d) => d.path !== 'name').map((d) => `${FIELD_LABELS[d.path] ?? d.path}: ${d.message}`);

  if (profile.error && !shown) return <ResolverErrorMessage error={profile.error} title="Your organisation name could not be read" />;
  if (!shown) return null;
  return (
    <section aria-label="Your organisation name">
      {draft === null ? (
        <div className="lz-row">
          <span>
            Partners see you as <strong>{shown.name}</strong>
            {shown.site ? ` (${hostOf(shown.site)})` : ''}
          </span>
          <span aria-hidden="true">·</span>
          <Button appearance="subtle" spacing="compact" aria-label="Edit your organisation name" onClick={() => (setDraft(shown.name), setSaved(null), setError(null))}>
            Edit
          </Button>
        </div>
      ) : (
        <form
          className="lz-row lz-row-end"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <div className="lz-field lz-grow">
            <Label htmlFor="organisation-name">{FIELD_LABELS.name}</Label>
            <Textfield
              id="organisation-name"
              value={draft}
              maxLength={100}
              isInvalid={fieldProblem !== null}
              aria-describedby={fieldProblem ? 'organisation-name-error' : 'organisation-name-help'}
              onChange={(e) => setDraft((e.target as HTMLInputElement).value)}
            />
            {fieldProblem ? (
              <div id="organisation-name-error"><ErrorMessage>{`${FIELD_LABELS.name}: ${fieldProblem}`}</ErrorMessage></div>
            ) : (
              <div id="organisation-name-help"><HelperMessage>{`The name your partners see for this site; without one it is “${shown.defaultName}”, from your Jira site.`}</HelperMessage></div>
            )}
          </div>
          <Button appearance="primary" type="submit" isDisabled={busy}>{busy ? 'Saving…' : 'Save'}</Button>
          <Button appearance="subtle" isDisabled={busy} onClick={() => (setDraft(null), setError(null))}>Cancel</Button>
        </form>
      )}
      {error && !fieldProblem && <ResolverErrorMessage error={error} title="The name was not saved" detail={otherDetails.join('; ') || undefined} />}
      {saved !== null && (
        <SectionMessage appearance="success" title="Saved">
          <p role="status">{`Your connected partners are told: they now see you as ${saved}.`}</p>
        </SectionMessage>
      )}
    </section>
  );
}
