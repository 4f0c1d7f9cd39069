// Geometry for the "changes per day" chart: grouped bars (out, in) per day on a shared scale,
// computed here so the SVG component only draws.

export type DayCount = { day: string; out: number; in: number };
export type Bar = { day: string; direction: 'out' | 'in'; value: number; x: number; y: number; width: number; height: number };
export type Chart = { width: number; height: number; max: number; bars: Bar[]; ticks: number[]; labels: Array<{ day: string; x: number }> };

export const CHART_PADDING = { top: 8, right: 8, bottom: 24, left: 36 };

/** A round upper bound (1, 2, 5 × 10^n) so axis ticks are numbers people read easily. */
export function niceMax(value: number): number {
  if (value <= 0) return 1;
  const exp = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * exp >= value) return step * exp;
  return 10 * exp;
}

export function chartGeometry(days: readonly DayCount[], width: number, height: number): Chart {
  const plotW = Math.max(0, width - CHART_PADDING.left - CHART_PADDING.right);
  const plotH = Math.max(0, height - CHART_PADDING.top - CHART_PADDING.bottom);
  const max = niceMax(Math.max(0, ...days.map((d) => Math.max(d.out, d.in))));
  const slot = days.length > 0 ? plotW / days.length : 0;
  const barW = Math.max(1, slot * 0.35);
  const bars: Bar[] = [];
  const labels: Chart['labels'] = [];
  days.forEach((d, i) => {
    const x0 = CHART_PADDING.left + i * slot + slot * 0.15;
    (['out', 'in'] as const).forEach((direction, j) => {
      const value = d[direction];
      const h = (value / max) * plotH;
      bars.push({ day: d.day, direction, value, x: x0 + j * barW, y: CHART_PADDING.top + plotH - h, width: barW, height: h });
    });
    labels.push({ day: d.day, x: CHART_PADDING.left + i * slot + slot / 2 });
  });
  const ticks = [0, max / 2, max];
  return { width, height, max, bars, ticks, labels };
}

/** The y coordinate of a tick value, for grid lines and axis labels. */
export const tickY = (chart: Chart, value: number): number => {
  const plotH = chart.height - CHART_PADDING.top - CHART_PADDING.bottom;
  return CHART_PADDING.top + plotH - (value / chart.max) * plotH;
};
