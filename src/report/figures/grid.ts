/**
 * A grid of image-like panels, one axis pair per cell: plotly's `layout.grid` cannot keep each
 * image's aspect ratio, per-cell axes anchored to each other can.
 */

export interface GridGeometry {
  rows: number;
  columns: number;
  /** Fractions of the figure reserved for column titles (top) and row labels (left). */
  top?: number;
  left?: number;
  gap?: number;
}

export interface GridCell {
  /** Trace references, e.g. "x3" / "y3". */
  xref: string;
  yref: string;
  /** Layout keys, e.g. "xaxis3" / "yaxis3". */
  xaxisKey: string;
  yaxisKey: string;
  x: [number, number];
  y: [number, number];
}

export function gridCell(g: GridGeometry, row: number, column: number): GridCell {
  const top = g.top ?? 0.06;
  const left = g.left ?? 0;
  const gap = g.gap ?? 0.01;
  const w = (1 - left) / g.columns;
  const h = (1 - top) / g.rows;
  const k = row * g.columns + column + 1;
  const suffix = k === 1 ? "" : String(k);
  return {
    xref: `x${suffix}`,
    yref: `y${suffix}`,
    xaxisKey: `xaxis${suffix}`,
    yaxisKey: `yaxis${suffix}`,
    x: [left + column * w + gap / 2, left + (column + 1) * w - gap / 2],
    y: [1 - top - (row + 1) * h + gap / 2, 1 - top - row * h - gap / 2],
  };
}

/** Axes for an image of width x height pixels: y downwards, square pixels, no ticks. */
export function imageAxes(cell: GridCell, width: number, height: number): Record<string, unknown> {
  const hidden = { showgrid: false, zeroline: false, showticklabels: false, ticks: "", showline: false };
  return {
    [cell.xaxisKey]: { ...hidden, domain: cell.x, range: [-0.5, width - 0.5], constrain: "domain" },
    [cell.yaxisKey]: { ...hidden, domain: cell.y, range: [height - 0.5, -0.5], scaleanchor: cell.xref, constrain: "domain" },
  };
}

export function columnTitle(g: GridGeometry, column: number, text: string): Record<string, unknown> {
  const c = gridCell(g, 0, column);
  return { text, xref: "paper", yref: "paper", x: (c.x[0] + c.x[1]) / 2, y: c.y[1], xanchor: "center", yanchor: "bottom", showarrow: false, font: { size: 13 } };
}

export function rowLabel(g: GridGeometry, row: number, text: string): Record<string, unknown> {
  const c = gridCell(g, row, 0);
  return { text, xref: "paper", yref: "paper", x: c.x[0], y: (c.y[0] + c.y[1]) / 2, xanchor: "right", showarrow: false, textangle: -90, font: { size: 13 } };
}
