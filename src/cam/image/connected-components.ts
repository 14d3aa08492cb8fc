/**
 * Connected-component labelling of a binary mask [H, W] (row-major), by breadth-first flood fill.
 * 8-connectivity (the default, scikit-image's `label` default in 2-D) joins pixels that touch at a
 * corner, so a diagonal line of pixels reads as one blob, as it does to the eye on a heat-map overlay;
 * 4-connectivity (scipy.ndimage's default) joins only edge neighbours.
 */

export type Connectivity = 4 | 8;

export interface ComponentLabels {
  /** 0 for background, 1..count for the components, numbered in row-major order of their first pixel. */
  labels: Int32Array;
  count: number;
  /** Pixels per component; sizes[k - 1] belongs to label k. */
  sizes: number[];
}

const EDGE: readonly [number, number][] = [[-1, 0], [1, 0], [0, -1], [0, 1]];
const CORNER: readonly [number, number][] = [[-1, -1], [-1, 1], [1, -1], [1, 1]];

export function labelComponents(mask: ArrayLike<number>, height: number, width: number, connectivity: Connectivity = 8): ComponentLabels {
  if (mask.length !== height * width) throw new Error(`labelComponents: ${mask.length} values for a ${height}x${width} mask`);
  if (connectivity !== 4 && connectivity !== 8) throw new Error(`labelComponents: connectivity must be 4 or 8, got ${connectivity}`);
  const steps = connectivity === 8 ? [...EDGE, ...CORNER] : EDGE;
  const labels = new Int32Array(mask.length);
  const queue = new Int32Array(mask.length);
  const sizes: number[] = [];
  for (let start = 0; start < mask.length; start++) {
    if (!mask[start] || labels[start]) continue;
    const label = sizes.length + 1;
    let head = 0;
    let tail = 0;
    queue[tail++] = start;
    labels[start] = label;
    while (head < tail) {
      const p = queue[head++];
      const y = Math.floor(p / width);
      const x = p - y * width;
      for (const [dy, dx] of steps) {
        const ny = y + dy;
        const nx = x + dx;
        if (ny < 0 || ny >= height || nx < 0 || nx >= width) continue;
        const q = ny * width + nx;
        if (mask[q] && !labels[q]) {
          labels[q] = label;
          queue[tail++] = q;
        }
      }
    }
    sizes.push(tail);
  }
  return { labels, count: sizes.length, sizes };
}

/** Components of `mask` that share no pixel with `region`: highlighted blobs wholly outside it. */
export function componentsOutside(components: ComponentLabels, region: ArrayLike<number>): number {
  if (region.length !== components.labels.length) throw new Error(`componentsOutside: ${region.length} region pixels for a ${components.labels.length}-pixel mask`);
  const touches = new Uint8Array(components.count + 1);
  for (let i = 0; i < region.length; i++) if (region[i] && components.labels[i]) touches[components.labels[i]] = 1;
  let outside = 0;
  for (let k = 1; k <= components.count; k++) if (!touches[k]) outside++;
  return outside;
}
