/**
 * CAMs side by side: per input image, the original and one map per method, each map laid over
 * the image (as the paper's Fig. 7 shows them). Maps are values in [0, 1] at any resolution; a
 * map that is already an image (e.g. a rendered overlay or a binary mask PNG) is shown as is.
 */
import { columnTitle, gridCell, imageAxes, rowLabel } from "./grid";
import { imageSource } from "./image-source";
import type { FigureSpec } from "./spec";

/** A map as rows of values, or row-major values with its size. */
export type CamMap = number[][] | { width: number; height: number; values: ArrayLike<number> };

export type CamCell = CamMap | Uint8Array | string | null;

export interface CamGridRow {
  label?: string;
  original: Uint8Array | string;
  /** One per method, in the order of `methods`; null leaves the cell empty. */
  maps: CamCell[];
}

export interface CamGridOptions {
  title: string;
  methods: string[];
  rows: CamGridRow[];
  /** Heat-map opacity over the image; 1 hides the image. Default 0.5. */
  opacity?: number;
  cellSize?: number;
  /** Plotly colour scale; default "Jet" (pytorch-grad-cam's COLORMAP_JET). */
  colorscale?: string;
}

export function mapRows(m: CamMap, what: string): number[][] {
  if (Array.isArray(m)) {
    const w = m[0]?.length ?? 0;
    if (m.length === 0 || w === 0 || m.some((r) => r.length !== w)) throw new Error(`${what}: map rows must be non-empty and of equal length`);
    return m;
  }
  if (m.values.length !== m.width * m.height) throw new Error(`${what}: ${m.values.length} values for ${m.width}x${m.height}`);
  const rows: number[][] = [];
  for (let y = 0; y < m.height; y++) rows.push(Array.from({ length: m.width }, (_, x) => m.values[y * m.width + x]));
  return rows;
}

function isMap(c: CamCell): c is CamMap {
  return Array.isArray(c) || (c !== null && typeof c === "object" && "values" in c && "width" in c);
}

export function camGridFigure(o: CamGridOptions): FigureSpec {
  if (o.rows.length === 0) throw new Error(`CAM grid '${o.title}': no rows`);
  const columns = o.methods.length + 1;
  const originals = o.rows.map((row, r) => imageSource(row.original, `CAM grid '${o.title}', row ${r}, original`));
  const hasRowLabels = o.rows.some((r) => r.label);
  // cells take the first image's aspect ratio, so column titles sit right above the images
  const cellW = o.cellSize ?? 170;
  const cellH = Math.round((cellW * originals[0].height) / originals[0].width) + 6;
  const titles = 24;
  const width = Math.round(columns * cellW + (hasRowLabels ? 30 : 0) + 20);
  const plotH = o.rows.length * cellH + titles;
  const height = plotH + 60;
  const g = { rows: o.rows.length, columns, top: titles / plotH, left: hasRowLabels ? 30 / (width - 20) : 0, gap: 0.015 };
  const data: Record<string, unknown>[] = [];
  const layout: Record<string, any> = {
    title: { text: o.title, x: 0.5, y: 0.99, yanchor: "top" },
    width,
    height,
    margin: { l: 10, r: 10, t: 50, b: 10 },
    showlegend: false,
    annotations: [] as unknown[],
  };
  o.rows.forEach((row, r) => {
    const where = `CAM grid '${o.title}', row ${r}`;
    if (row.maps.length !== o.methods.length) throw new Error(`${where}: ${row.maps.length} maps for ${o.methods.length} methods`);
    if (row.label) layout.annotations.push(rowLabel(g, r, row.label));
    const img = originals[r];
    [null, ...row.maps].forEach((m, c) => {
      const cell = gridCell(g, r, c);
      Object.assign(layout, imageAxes(cell, img.width, img.height));
      const base = { xaxis: cell.xref, yaxis: cell.yref, hoverinfo: "skip" };
      if (c === 0 || isMap(m)) data.push({ type: "image", source: img.url, ...base });
      if (m === null) return;
      if (isMap(m)) {
        const z = mapRows(m, `${where}, ${o.methods[c - 1]}`);
        // cells of the map cover the image exactly: pixel centres at 0..W-1, cell centres spread over it
        const dx = img.width / z[0].length;
        const dy = img.height / z.length;
        data.push({
          type: "heatmap",
          z,
          x0: -0.5 + dx / 2,
          dx,
          y0: -0.5 + dy / 2,
          dy,
          zmin: 0,
          zmax: 1,
          colorscale: o.colorscale ?? "Jet",
          opacity: o.opacity ?? 0.5,
          showscale: false,
          zsmooth: false,
          ...base,
        });
      } else {
        const rendered = imageSource(m, `${where}, ${o.methods[c - 1]}`);
        data.push({ type: "image", source: rendered.url, dx: img.width / rendered.width, dy: img.height / rendered.height, x0: -0.5 + img.width / rendered.width / 2, y0: -0.5 + img.height / rendered.height / 2, ...base });
      }
    });
  });
  ["Original", ...o.methods].forEach((t, c) => layout.annotations.push(columnTitle(g, c, t)));
  return { data, layout, config: { displayModeBar: false } };
}
