import { fieldLabel } from '../../../shared/logic/format';
import { sharedSummary } from '../logic/panel-model';

const names = (keys: string[]): string => (keys.length ? keys.map((k) => fieldLabel(k)).join(', ') : 'nothing');

export function SharedFields({ shared }: { shared: { out: string[]; in: string[] } }) {
  const s = sharedSummary(shared);
  return (
    <dl className="lz-dl" aria-label="What is shared">
      <dt>Both ways</dt>
      <dd>{names(s.both)}</dd>
      <dt>Sent only</dt>
      <dd>{names(s.outOnly)}</dd>
      <dt>Received only</dt>
      <dd>{names(s.inOnly)}</dd>
    </dl>
  );
}
