import SectionMessage from '@atlaskit/section-message';
import type { ResolverError } from '../logic/resolver-client';

const TITLES: Record<string, string> = {
  forbidden: 'You do not have permission for this',
  'not-found': 'Not found',
  conflict: 'This was changed meanwhile',
  'invalid-rule': 'The rule has problems',
  'invalid-payload': 'The request was not accepted',
  'partner-error': 'The partner answered with an error',
  unavailable: 'Liaison is not reachable right now',
};

export function ResolverErrorMessage({ error, title, detail }: { error: ResolverError; title?: string; detail?: string }) {
  return (
    <SectionMessage appearance={error.code === 'unavailable' || error.code === 'partner-error' ? 'warning' : 'error'} title={title ?? TITLES[error.code] ?? 'Something went wrong'}>
      <p role="alert">{error.message}</p>
      {detail && <p>{detail}</p>}
    </SectionMessage>
  );
}
