import { fieldLabel } from '../../../shared/logic/format';
import { sharedSummary } from '../logic/panel-model';

type Catalog = ReadonlyArray<{ key: string; name: string }>;

const names = (keys: string[], catalog: Catalog): string => (keys.length ? keys.map((k) => fieldLabel(k, catalog)).join(', ') : 'nothing');

export function SharedFields({ shared, catalog = [] }: { shared: { out: string[]; in: string[] }; catalog?: Catalog }) {
  const s = sharedSummary(shared);
  return (
    <dl className="lz-dl" aria-label="What is shared">
      <dt>Both ways</dt>
      <dd>{names(s.both, catalog)}</dd>
      <dt>Sent only</dt>
      <dd>{names(s.outOnly, catalog)}</dd>
      <dt>Received only</dt>
      <dd>{names(s.inOnly, catalog)}</dd>
    </dl>
  );
}
