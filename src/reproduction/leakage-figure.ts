/**
 * Where each patient's images go under the paper's split and under the patient-level split: one
 * heatmap per split, a column per patient (grouped by class), a row per part, the colour the number
 * of images. Under an image-level split most columns are filled in all three rows; under the
 * patient-level split every column has exactly one filled row.
 */
import { makeSplit } from "../data/split/io";
import { PARTS } from "../data/split/types";
import type { FigureSpec } from "../report/figures/spec";
import type { SplitSubset } from "./split-tables";

/** images[part][patient] for the given patient order. */
export function patientPartCounts(split: Record<(typeof PARTS)[number], readonly number[]>, patients: readonly string[], order: readonly string[]): number[][] {
  const column = new Map(order.map((p, i) => [p, i]));
  return PARTS.map((part) => {
    const counts = new Array<number>(order.length).fill(0);
    for (const r of split[part]) {
      const c = column.get(patients[r]);
      if (c === undefined) throw new Error(`patientPartCounts: patient '${patients[r]}' of row ${r} is not in the order`);
      counts[c]++;
    }
    return counts;
  });
}

/** Each patient's majority class (ties to the lower class index), as the patient-level split groups them. */
export function patientClasses(labels: readonly number[], patients: readonly string[]): Map<string, number> {
  const votes = new Map<string, Map<number, number>>();
  patients.forEach((p, i) => {
    const v = votes.get(p) ?? new Map<number, number>();
    v.set(labels[i], (v.get(labels[i]) ?? 0) + 1);
    votes.set(p, v);
  });
  return new Map([...votes].map(([p, v]) => [p, [...v].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0]]));
}

/** Patients ordered by class, then by id, so each class forms one block of columns. */
export function patientOrder(classOf: ReadonlyMap<string, number>): string[] {
  return [...classOf.keys()].sort((a, b) => classOf.get(a)! - classOf.get(b)! || a.localeCompare(b));
}

export function leakageFigure(subset: SplitSubset, seed: number): FigureSpec {
  const { manifest } = subset;
  const labels = manifest.rows.map((r) => r.labelIndex);
  const patients = manifest.rows.map((r) => r.patient);
  const classOf = patientClasses(labels, patients);
  const order = patientOrder(classOf);
  const splits = [
    { title: "paper split (image-level, 6:1:3)", split: makeSplit(manifest, "paper", seed) },
    { title: "patient-level split", split: makeSplit(manifest, "patient", seed) },
  ];
  const zmax = Math.max(1, ...splits.flatMap((s) => patientPartCounts(s.split, patients, order).flat()));
  const data = splits.map((s, i) => ({
    type: "heatmap",
    z: patientPartCounts(s.split, patients, order),
    x: order,
    y: [...PARTS],
    xaxis: i === 0 ? "x" : "x2",
    yaxis: i === 0 ? "y" : "y2",
    zmin: 0,
    zmax,
    colorscale: [
      [0, "#ffffff"],
      [1e-9, "#deebf7"],
      [1, "#08306b"],
    ],
    showscale: i === 0,
    colorbar: { title: { text: "images" }, len: 0.8 },
    xgap: order.length > 60 ? 0 : 1,
    ygap: 2,
    hovertemplate: "patient %{x}<br>%{y}: %{z} images<extra></extra>",
  }));
  const classBlocks = manifest.classNames.map((name, c) => `${name}: ${order.filter((p) => classOf.get(p) === c).length}`).join(", ");
  const classStarts = manifest.classNames.map((_, c) => order.findIndex((p) => classOf.get(p) === c)).filter((i) => i > 0);
  const ticks = order.length <= 30;
  const hidden = { showticklabels: false, ticks: "" };
  const bottom = { showticklabels: ticks, tickangle: -60, title: { text: `patients, grouped by class (${classBlocks})` } };
  return {
    data,
    layout: {
      title: { text: `Where each patient's images go: ${subset.label}`, x: 0.5 },
      width: 900,
      height: 560,
      margin: { l: 60, r: 20, t: 70, b: ticks ? 140 : 50 },
      xaxis: { ...hidden, domain: [0, 1], anchor: "y" },
      yaxis: { domain: [0.58, 0.95], anchor: "x", autorange: "reversed" },
      xaxis2: { ...bottom, domain: [0, 1], anchor: "y2" },
      yaxis2: { domain: [0, 0.37], anchor: "x2", autorange: "reversed" },
      // a dashed line between the class blocks, through both heatmaps (categories sit at 0, 1, 2, ...)
      shapes: classStarts.map((start) => ({ type: "line", xref: "x", yref: "paper", x0: start - 0.5, x1: start - 0.5, y0: 0, y1: 0.95, line: { color: "#888", width: 1.5, dash: "dash" } })),
      annotations: splits.map((s, i) => ({ text: s.title, xref: "paper", yref: "paper", x: 0.5, y: i === 0 ? 0.96 : 0.38, xanchor: "center", yanchor: "bottom", showarrow: false, font: { size: 14 } })),
    },
    config: { displayModeBar: false },
  };
}
