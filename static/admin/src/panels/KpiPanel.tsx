import Heading from '@atlaskit/heading';
import type { KpiView } from '../../../../src/shared/resolver-contract';
import { Loading } from '../../../shared/components/Loading';
import { ResolverErrorMessage } from '../../../shared/components/ResolverErrorMessage';
import { formatDuration, formatPercent } from '../../../shared/logic/format';
import { useResolver } from '../../../shared/use-resolver';
import { KpiChart } from './KpiChart';

export function KpiPanel({ connectionId }: { connectionId: string }) {
  const kpis = useResolver<KpiView>('admin/kpis', { connectionId });
  if (!kpis.data) return kpis.error ? <ResolverErrorMessage error={kpis.error} /> : <Loading label="Loading KPIs" />;
  const k = kpis.data;
  const tiles: Array<[string, string]> = [
    ['Mirror latency p50', formatDuration(k.latencyMs.p50)],
    ['Mirror latency p95', formatDuration(k.latencyMs.p95)],
    ['Error rate', formatPercent(k.errorRate)],
    ['Backlog', String(k.backlog)],
  ];
  return (
    <section className="lz-page" aria-labelledby="kpi-h">
      <Heading as="h2" size="medium" id="kpi-h">KPIs</Heading>
      <div className="lz-grid">
        {tiles.map(([label, value]) => (
          <div className="lz-card" key={label}>
            <span className="lz-muted">{label}</span>
            <span className="lz-kpi">{value}</span>
          </div>
        ))}
      </div>
      <p className="lz-muted">Latency from {k.latencyMs.samples} measured changes.</p>
      <KpiChart days={k.perDay} />
    </section>
  );
}
