/** Per-epoch curves (loss, accuracy, ...) side by side, one panel per quantity. */
import type { FigureSpec } from "./spec";

export interface CurveSeries {
  name: string;
  y: number[];
  /** Epochs; default 1..n. */
  x?: number[];
}

export interface CurvePanel {
  title: string;
  series: CurveSeries[];
}

export interface TrainingCurvesOptions {
  title: string;
  panels: CurvePanel[];
  xTitle?: string;
  /** Marks an epoch in every panel, e.g. the best-validation epoch convergence time is measured to. */
  markEpoch?: { epoch: number; label: string };
}

const COLORS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"];

export function trainingCurvesFigure(o: TrainingCurvesOptions): FigureSpec {
  const n = o.panels.length;
  if (n === 0) throw new Error(`training curves '${o.title}': no panels`);
  const names = [...new Set(o.panels.flatMap((p) => p.series.map((s) => s.name)))];
  const data: Record<string, unknown>[] = [];
  const layout: Record<string, any> = {
    title: { text: o.title, x: 0.5 },
    width: Math.max(520, 420 * n),
    height: 380,
    margin: { l: 60, r: 20, t: 70, b: 50 },
    legend: { orientation: "h", x: 0.5, xanchor: "center", y: -0.18 },
    annotations: [] as unknown[],
    shapes: [] as unknown[],
  };
  o.panels.forEach((p, i) => {
    const suffix = i === 0 ? "" : String(i + 1);
    const domain: [number, number] = [i / n + (i > 0 ? 0.06 : 0), (i + 1) / n - 0.02];
    for (const s of p.series) {
      if (s.x && s.x.length !== s.y.length) throw new Error(`training curves '${o.title}', ${p.title}/${s.name}: ${s.x.length} x for ${s.y.length} y`);
      data.push({
        type: "scatter",
        mode: "lines+markers",
        name: s.name,
        legendgroup: s.name,
        showlegend: i === 0 || !o.panels.slice(0, i).some((q) => q.series.some((t) => t.name === s.name)),
        x: s.x ?? s.y.map((_, j) => j + 1),
        y: s.y,
        line: { color: COLORS[names.indexOf(s.name) % COLORS.length] },
        xaxis: `x${suffix}`,
        yaxis: `y${suffix}`,
      });
    }
    const epochs = Math.max(...p.series.map((s) => s.y.length));
    // whole epochs only: at most ~10 ticks
    layout[`xaxis${suffix}`] = { domain, anchor: `y${suffix}`, title: { text: o.xTitle ?? "epoch" }, tick0: 1, dtick: Math.max(1, Math.ceil(epochs / 10)) };
    layout[`yaxis${suffix}`] = { anchor: `x${suffix}`, title: { text: p.title } };
    if (o.markEpoch) {
      layout.shapes.push({ type: "line", xref: `x${suffix}`, yref: `y${suffix} domain`, x0: o.markEpoch.epoch, x1: o.markEpoch.epoch, y0: 0, y1: 1, line: { dash: "dot", color: "#555" } });
    }
  });
  if (o.markEpoch) layout.annotations.push({ text: o.markEpoch.label, xref: "x", yref: "paper", x: o.markEpoch.epoch, y: 1, yanchor: "bottom", showarrow: false, font: { size: 11 } });
  return { data, layout };
}
