/** Sample images in rows (e.g. one row per class or magnification), as in the paper's Figs. 3-5. */
import { columnTitle, gridCell, imageAxes, rowLabel } from "./grid";
import { imageSource } from "./image-source";
import type { FigureSpec } from "./spec";

export interface ImageGridRow {
  label?: string;
  images: { src: Uint8Array | string; caption?: string }[];
}

export interface ImageGridOptions {
  title: string;
  rows: ImageGridRow[];
  /** Titles above the columns (e.g. class names), instead of per-image captions. */
  columnTitles?: string[];
  /** Pixel size of one cell in the figure. Default 180. */
  cellSize?: number;
}

export function imageGridFigure(o: ImageGridOptions): FigureSpec {
  if (o.rows.length === 0 || o.rows.every((r) => r.images.length === 0)) throw new Error(`image grid '${o.title}': no images`);
  const columns = Math.max(...o.rows.map((r) => r.images.length));
  const sources = o.rows.map((row, r) => row.images.map((im, c) => imageSource(im.src, `image grid '${o.title}', row ${r}, image ${c}`)));
  const hasRowLabels = o.rows.some((r) => r.label);
  const hasCaptions = o.rows.some((r) => r.images.some((im) => im.caption));
  const hasColumnTitles = (o.columnTitles ?? []).length > 0;
  // cells take the first image's aspect ratio, so images of one data set fill them without bands
  const first = sources.flat()[0];
  const cellW = o.cellSize ?? 180;
  const cellH = Math.round((cellW * first.height) / first.width) + (hasCaptions ? 18 : 0);
  const top = 50 + (hasColumnTitles ? 22 : 0);
  const width = Math.round(columns * cellW + (hasRowLabels ? 30 : 0) + 20);
  const height = Math.round(o.rows.length * cellH + top + 10);
  const plotH = height - top - 10;
  const g = { rows: o.rows.length, columns, top: (hasColumnTitles ? 22 : 0) / plotH, left: hasRowLabels ? 30 / (width - 20) : 0, gap: 0.012 };
  const data: Record<string, unknown>[] = [];
  const layout: Record<string, any> = {
    title: { text: o.title, x: 0.5, y: 0.99, yanchor: "top" },
    width,
    height,
    margin: { l: 10, r: 10, t: top, b: 10 },
    showlegend: false,
    annotations: [] as unknown[],
  };
  o.rows.forEach((row, r) => {
    if (row.label) layout.annotations.push(rowLabel(g, r, row.label));
    row.images.forEach((im, c) => {
      const cell = gridCell(g, r, c);
      const img = sources[r][c];
      // leave room under the image for its caption
      if (hasCaptions) cell.y = [cell.y[0] + 18 / plotH, cell.y[1]];
      data.push({ type: "image", source: img.url, xaxis: cell.xref, yaxis: cell.yref, hoverinfo: "skip", name: im.caption ?? "" });
      Object.assign(layout, imageAxes(cell, img.width, img.height));
      if (im.caption) {
        layout.annotations.push({ text: im.caption, xref: "paper", yref: "paper", x: (cell.x[0] + cell.x[1]) / 2, y: cell.y[0], xanchor: "center", yanchor: "top", showarrow: false, font: { size: 11 } });
      }
    });
  });
  (o.columnTitles ?? []).forEach((t, c) => layout.annotations.push(columnTitle(g, c, t)));
  return { data, layout, config: { displayModeBar: false } };
}
