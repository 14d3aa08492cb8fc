/** Grouped bars with confidence intervals, e.g. a metric per model for the kit and for the paper. */
import type { FigureSpec } from "./spec";

export interface BarSeries {
  name: string;
  values: (number | null)[];
  /** Lower and upper interval bounds per category (absent: no error bar). */
  low?: (number | null)[];
  high?: (number | null)[];
}

export interface BarChartOptions {
  title: string;
  categories: string[];
  series: BarSeries[];
  yTitle?: string;
  yRange?: [number, number];
}

export function barChartFigure(o: BarChartOptions): FigureSpec {
  const data = o.series.map((s) => {
    if (s.values.length !== o.categories.length) throw new Error(`bar chart '${o.title}', series ${s.name}: ${s.values.length} values for ${o.categories.length} categories`);
    for (const [k, b] of [["low", s.low], ["high", s.high]] as const) {
      if (b && b.length !== s.values.length) throw new Error(`bar chart '${o.title}', series ${s.name}: ${b.length} ${k} bounds for ${s.values.length} values`);
    }
    const trace: Record<string, unknown> = { type: "bar", name: s.name, x: o.categories, y: s.values };
    if (s.low && s.high) {
      trace.error_y = {
        type: "data",
        symmetric: false,
        array: s.values.map((v, i) => (v === null || s.high![i] === null ? null : s.high![i]! - v)),
        arrayminus: s.values.map((v, i) => (v === null || s.low![i] === null ? null : v - s.low![i]!)),
        thickness: 1.5,
        width: 4,
      };
    }
    return trace;
  });
  return {
    data,
    layout: {
      title: { text: o.title, x: 0.5 },
      barmode: "group",
      width: Math.max(600, 90 * o.categories.length * Math.max(1, o.series.length) + 150),
      height: 450,
      margin: { l: 60, r: 20, t: 70, b: 110 },
      yaxis: { title: { text: o.yTitle ?? "" }, ...(o.yRange ? { range: o.yRange } : {}) },
      xaxis: { tickangle: -30 },
      legend: { orientation: "h", x: 0.5, xanchor: "center", y: 1.02, yanchor: "bottom" },
    },
  };
}
