/**
 * A figure is a plain plotly.js spec (JSON-serialisable): the same object renders in a notebook,
 * a standalone HTML file and a PNG, and can be saved beside the results.
 */
export interface FigureSpec {
  data: Record<string, any>[];
  layout: Record<string, any>;
  config?: Record<string, any>;
}

/** Default export size in CSS pixels; the PNG is width x height times the exporter's scale. */
export function figureSize(spec: FigureSpec): { width: number; height: number } {
  return { width: spec.layout.width ?? 800, height: spec.layout.height ?? 500 };
}

export function figureTitle(spec: FigureSpec): string {
  const t = spec.layout.title;
  return (typeof t === "string" ? t : t?.text ?? "").replace(/<[^>]+>/g, "");
}

/** Appends the synthetic-data label to the title, so an exported image cannot lose it. */
export function labelSyntheticFigure(spec: FigureSpec, synthetic: boolean): FigureSpec {
  if (!synthetic) return spec;
  const title = figureTitle(spec);
  if (title.includes("synthetic data")) return spec;
  const base = typeof spec.layout.title === "object" ? spec.layout.title : {};
  return { ...spec, layout: { ...spec.layout, title: { ...base, text: `${title}${title ? " " : ""}(synthetic data)` } } };
}
