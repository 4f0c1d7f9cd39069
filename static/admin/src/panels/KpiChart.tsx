// Changes per day, each way, as grouped bars; a table with the same numbers follows for people
// who cannot see the chart.
import { chartGeometry, tickY, CHART_PADDING, type DayCount } from '../logic/kpi-chart';

const COLORS = { out: 'var(--ds-background-brand-bold, #0c66e4)', in: 'var(--ds-background-accent-teal-bolder, #206a83)' };

export function KpiChart({ days }: { days: DayCount[] }) {
  const chart = chartGeometry(days, 640, 220);
  return (
    <figure className="lz-card">
      <figcaption>Changes per day: sent (blue) and received (teal)</figcaption>
      <svg viewBox={`0 0 ${chart.width} ${chart.height}`} width="100%" role="img" aria-label={`Bar chart of changes per day over ${days.length} days`}>
        {chart.ticks.map((t) => (
          <g key={t}>
            <line x1={CHART_PADDING.left} x2={chart.width - CHART_PADDING.right} y1={tickY(chart, t)} y2={tickY(chart, t)} stroke="var(--ds-border, #dfe1e6)" />
            <text x={CHART_PADDING.left - 4} y={tickY(chart, t) + 4} textAnchor="end" fontSize="11" fill="var(--ds-text-subtle, #44546f)">
              {t}
            </text>
          </g>
        ))}
        {chart.bars.map((b) => (
          <rect key={`${b.day}-${b.direction}`} x={b.x} y={b.y} width={b.width} height={b.height} fill={COLORS[b.direction]}>
            <title>{`${b.day}: ${b.value} ${b.direction === 'out' ? 'sent' : 'received'}`}</title>
          </rect>
        ))}
        {chart.labels.map((l) => (
          <text key={l.day} x={l.x} y={chart.height - 6} textAnchor="middle" fontSize="11" fill="var(--ds-text-subtle, #44546f)">
            {l.day.slice(5)}
          </text>
        ))}
      </svg>
      <table className="lz-visually-hidden">
        <caption>Changes per day</caption>
        <thead>
          <tr><th scope="col">Day</th><th scope="col">Sent</th><th scope="col">Received</th></tr>
        </thead>
        <tbody>
          {days.map((d) => (
            <tr key={d.day}><td>{d.day}</td><td>{d.out}</td><td>{d.in}</td></tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
