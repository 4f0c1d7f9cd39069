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
  // Figures from real traffic only: without samples or changes there is nothing to show yet.
  const noData = 'No data yet';
  const sampled = k.latencyMs.samples > 0;
  const traffic = k.changes ? k.changes.sent + k.changes.received > 0 : k.perDay.some((d) => d.out + d.in > 0);
  const tiles: Array<[string, string]> = [
    ['Mirror latency p50', sampled ? formatDuration(k.latencyMs.p50) : noData],
    ['Mirror latency p95', sampled ? formatDuration(k.latencyMs.p95) : noData],
    ['Error rate', traffic || k.errorRate > 0 ? formatPercent(k.errorRate) : noData],
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
      <p className="lz-muted">
        {sampled ? `Latency from ${k.latencyMs.samples} measured change${k.latencyMs.samples === 1 ? '' : 's'} (source write to the other side's write), both ways.` : 'Latency shows once a change has gone through.'}
        {k.changes ? ` Last 14 days: ${k.changes.sent} sent, ${k.changes.received} received.` : ''}
      </p>
      {traffic ? <KpiChart days={k.perDay} /> : <p>No data yet: nothing was sent or received on this connection in the last 14 days.</p>}
    </section>
  );
}
