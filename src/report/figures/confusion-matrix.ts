/** Confusion matrices (the paper's Fig. 6): counts with row percentages, one panel per model/setting. */
import type { FigureSpec } from "./spec";

export interface ConfusionPanel {
  title: string;
  /** matrix[true][predicted] counts. */
  matrix: number[][];
  labels: string[];
}

export interface ConfusionOptions {
  title: string;
  panels: ConfusionPanel[];
  /** Panels per row. Default: all in one row up to 4. */
  columns?: number;
  panelSize?: number;
}

export function rowPercentages(matrix: number[][]): number[][] {
  return matrix.map((row) => {
    const s = row.reduce((a, b) => a + b, 0);
    return row.map((v) => (s === 0 ? 0 : (100 * v) / s));
  });
}

export function confusionMatrixFigure(o: ConfusionOptions): FigureSpec {
  if (o.panels.length === 0) throw new Error(`confusion matrices '${o.title}': no panels`);
  const columns = o.columns ?? Math.min(4, o.panels.length);
  const rows = Math.ceil(o.panels.length / columns);
  const size = o.panelSize ?? 300;
  // pixel gutters per panel: left for class names and the "true" title, below for the "predicted" title
  const gutterL = 110;
  const gutterB = 70;
  const gutterT = 30;
  const plotW = columns * (size + gutterL);
  const plotH = rows * (size + gutterB + gutterT);
  const width = plotW + 20;
  const height = plotH + 70;
  const data: Record<string, unknown>[] = [];
  const layout: Record<string, any> = { title: { text: o.title, x: 0.5 }, width, height, margin: { l: 10, r: 10, t: 60, b: 10 }, annotations: [] as unknown[] };
  o.panels.forEach((p, i) => {
    const n = p.labels.length;
    if (p.matrix.length !== n || p.matrix.some((r) => r.length !== n)) {
      throw new Error(`confusion matrix '${p.title}': expected ${n}x${n} for labels ${p.labels.join(", ")}`);
    }
    const r = Math.floor(i / columns);
    const c = i % columns;
    const k = i + 1;
    const suffix = k === 1 ? "" : String(k);
    const x: [number, number] = [(c * (size + gutterL) + gutterL) / plotW, ((c + 1) * (size + gutterL)) / plotW];
    const y: [number, number] = [1 - ((r + 1) * (size + gutterB + gutterT) - gutterB) / plotH, 1 - (r * (size + gutterB + gutterT) + gutterT) / plotH];
    const pct = rowPercentages(p.matrix);
    data.push({
      type: "heatmap",
      z: pct,
      x: p.labels,
      y: p.labels,
      zmin: 0,
      zmax: 100,
      colorscale: "Blues",
      // plotly's "Blues" runs dark to light; reversed, a fuller row share is a darker cell
      reversescale: true,
      showscale: false,
      xaxis: `x${suffix}`,
      yaxis: `y${suffix}`,
      text: p.matrix.map((row, ti) => row.map((v, pi) => `${v}<br>${pct[ti][pi].toFixed(1)}%`)),
      texttemplate: "%{text}",
      hovertemplate: "true %{y}, predicted %{x}: %{text}<extra></extra>",
    });
    layout[`xaxis${suffix}`] = { domain: x, title: { text: "predicted" }, side: "bottom", type: "category", anchor: `y${suffix}` };
    layout[`yaxis${suffix}`] = { domain: y, title: { text: "true" }, autorange: "reversed", type: "category", anchor: `x${suffix}` };
    layout.annotations.push({ text: p.title, xref: "paper", yref: "paper", x: (x[0] + x[1]) / 2, y: y[1], xanchor: "center", yanchor: "bottom", showarrow: false, font: { size: 13 } });
  });
  return { data, layout };
}
