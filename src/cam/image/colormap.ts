/**
 * Colour maps for heat maps: matplotlib's `jet` (its piecewise-linear segment data, evaluated
 * continuously) and `viridis` (33 entries of matplotlib's 256-entry table, linearly interpolated;
 * within 2/255 of the full table). pytorch-grad-cam's overlays use OpenCV's COLORMAP_JET, whose
 * colours differ from matplotlib's jet by a few levels; the maps' values are unaffected.
 */

export type ColormapName = "jet" | "viridis";

type Segments = readonly (readonly [number, number])[];

const JET: readonly Segments[] = [
  [[0, 0], [0.35, 0], [0.66, 1], [0.89, 1], [1, 0.5]],
  [[0, 0], [0.125, 0], [0.375, 1], [0.64, 1], [0.91, 0], [1, 0]],
  [[0, 0.5], [0.11, 1], [0.34, 1], [0.65, 0], [1, 0]],
];

/** [index in matplotlib's 256-entry table, r, g, b]. */
const VIRIDIS: readonly (readonly [number, number, number, number])[] = [
  [0, 0.267, 0.0049, 0.3294], [8, 0.277, 0.0503, 0.3757], [16, 0.2823, 0.095, 0.4173], [24, 0.2829, 0.1359, 0.4534],
  [32, 0.2788, 0.1755, 0.4834], [40, 0.2706, 0.2141, 0.5071], [48, 0.259, 0.2515, 0.5247], [56, 0.245, 0.2877, 0.5373],
  [64, 0.2297, 0.3224, 0.5457], [72, 0.2143, 0.3556, 0.5512], [80, 0.1994, 0.3876, 0.5546], [88, 0.1856, 0.4186, 0.5568],
  [96, 0.1727, 0.4488, 0.5579], [104, 0.1607, 0.4785, 0.5581], [112, 0.149, 0.5081, 0.5573], [120, 0.1378, 0.5375, 0.5549],
  [128, 0.1276, 0.5669, 0.5506], [135, 0.1211, 0.5927, 0.5446], [143, 0.1201, 0.6222, 0.5349], [151, 0.1301, 0.6514, 0.5216],
  [159, 0.1539, 0.6802, 0.5042], [167, 0.1911, 0.7084, 0.4823], [175, 0.2394, 0.7356, 0.4557], [183, 0.2965, 0.7616, 0.4242],
  [191, 0.3607, 0.786, 0.3878], [199, 0.431, 0.8085, 0.3465], [207, 0.5063, 0.8288, 0.3004], [215, 0.5857, 0.8467, 0.2499],
  [223, 0.6681, 0.862, 0.1963], [231, 0.7519, 0.875, 0.1432], [239, 0.8353, 0.886, 0.1026], [247, 0.9162, 0.8961, 0.1007],
  [255, 0.9932, 0.9062, 0.1439],
];

const VIRIDIS_SEGMENTS: readonly Segments[] = [1, 2, 3].map((c) => VIRIDIS.map((row) => [row[0] / 255, row[c]] as const));

function interpolate(segments: Segments, x: number): number {
  for (let i = 1; i < segments.length; i++) {
    const [x1, y1] = segments[i];
    if (x <= x1) {
      const [x0, y0] = segments[i - 1];
      return x1 === x0 ? y1 : y0 + ((x - x0) / (x1 - x0)) * (y1 - y0);
    }
  }
  return segments[segments.length - 1][1];
}

/** RGB in [0, 1] for a value in [0, 1] (clamped). */
export function colormap(name: ColormapName, value: number): [number, number, number] {
  const table = name === "jet" ? JET : name === "viridis" ? VIRIDIS_SEGMENTS : undefined;
  if (!table) throw new Error(`unknown colour map '${name}': choose jet or viridis`);
  const x = Math.min(Math.max(Number.isNaN(value) ? 0 : value, 0), 1);
  return [interpolate(table[0], x), interpolate(table[1], x), interpolate(table[2], x)];
}
