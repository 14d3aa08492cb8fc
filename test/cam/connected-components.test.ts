import { test } from "node:test";
import assert from "node:assert/strict";
import { componentsOutside, labelComponents } from "../../src/cam/image/connected-components";
import { createRng } from "../../src/random";

/** A mask drawn as rows of '#' (on) and '.' (off). */
function drawn(rows: string[]): { mask: Uint8Array; height: number; width: number } {
  const width = rows[0].length;
  for (const r of rows) if (r.length !== width) throw new Error(`ragged drawing: '${r}'`);
  return { mask: Uint8Array.from(rows.join(""), (c) => (c === "#" ? 1 : 0)), height: rows.length, width };
}

test("diagonal neighbours join under 8-connectivity and not under 4", () => {
  const { mask, height, width } = drawn([
    "#..#",
    ".#..",
    "....",
    "##.#",
  ]);
  const eight = labelComponents(mask, height, width, 8);
  assert.equal(eight.count, 4);
  assert.deepEqual(eight.sizes, [2, 1, 2, 1]);
  // labels follow the row-major order of each component's first pixel
  assert.deepEqual(Array.from(eight.labels), [1, 0, 0, 2, 0, 1, 0, 0, 0, 0, 0, 0, 3, 3, 0, 4]);
  const four = labelComponents(mask, height, width, 4);
  assert.equal(four.count, 5);
  assert.deepEqual(four.sizes, [1, 1, 1, 2, 1]);
  assert.equal(labelComponents(mask, height, width).count, 4, "8-connectivity is the default");
});

test("a ring is one component around a hole; a U's arms join through its base", () => {
  const ring = drawn([
    ".....",
    ".###.",
    ".#.#.",
    ".###.",
  ]);
  const r = labelComponents(ring.mask, ring.height, ring.width, 4);
  assert.equal(r.count, 1);
  assert.deepEqual(r.sizes, [8]);
  assert.equal(r.labels[2 * 5 + 2], 0, "the hole stays background");
  const u = drawn([
    "#...#",
    "#...#",
    "#####",
  ]);
  assert.equal(labelComponents(u.mask, u.height, u.width, 4).count, 1);
});

test("empty and full masks; components are never joined across the row wrap", () => {
  assert.equal(labelComponents(new Uint8Array(12), 3, 4).count, 0);
  const full = labelComponents(new Uint8Array(12).fill(1), 3, 4);
  assert.deepEqual([full.count, full.sizes], [1, [12]]);
  // pixel (0, 3) and pixel (1, 0) are adjacent in memory but at opposite edges of the image
  const wrap = drawn([
    "...#",
    "#...",
  ]);
  assert.equal(labelComponents(wrap.mask, wrap.height, wrap.width, 8).count, 2);
});

/** Reference: every on-pixel starts with its own label and takes its neighbours' smallest until nothing changes. */
function countByRelaxation(mask: Uint8Array, height: number, width: number, connectivity: 4 | 8): number {
  const label = Int32Array.from(mask, (v, i) => (v ? i + 1 : 0));
  let changed = true;
  while (changed) {
    changed = false;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const p = y * width + x;
        if (!label[p]) continue;
        for (let dy = -1; dy <= 1; dy++) {
          for (let dx = -1; dx <= 1; dx++) {
            if ((dy === 0 && dx === 0) || (connectivity === 4 && dy !== 0 && dx !== 0)) continue;
            const ny = y + dy;
            const nx = x + dx;
            if (ny < 0 || ny >= height || nx < 0 || nx >= width) continue;
            const q = ny * width + nx;
            if (label[q] && label[q] < label[p]) {
              label[p] = label[q];
              changed = true;
            }
          }
        }
      }
    }
  }
  return new Set(Array.from(label).filter((v) => v > 0)).size;
}

test("counts and sizes agree with label relaxation on seeded random masks", () => {
  const rng = createRng(13);
  for (let trial = 0; trial < 60; trial++) {
    const height = 1 + rng.int(9);
    const width = 1 + rng.int(9);
    const density = rng.next();
    const mask = Uint8Array.from({ length: height * width }, () => (rng.next() < density ? 1 : 0));
    for (const c of [4, 8] as const) {
      const r = labelComponents(mask, height, width, c);
      assert.equal(r.count, countByRelaxation(mask, height, width, c), `trial ${trial}, ${c}-connectivity`);
      assert.equal(r.sizes.reduce((s, x) => s + x, 0), mask.reduce((s, x) => s + x, 0));
      for (let k = 1; k <= r.count; k++) assert.equal(r.labels.filter((l) => l === k).length, r.sizes[k - 1]);
    }
  }
});

test("components outside a region are those sharing no pixel with it", () => {
  const m = drawn([
    "##..#",
    ".....",
    "..#..",
  ]);
  const region = drawn([
    ".#...",
    ".....",
    "..###",
  ]);
  const labels = labelComponents(m.mask, m.height, m.width, 8);
  assert.equal(labels.count, 3);
  assert.equal(componentsOutside(labels, region.mask), 1, "only the corner pixel at (0, 4) misses the region");
  assert.equal(componentsOutside(labels, new Uint8Array(15)), 3);
});

test("bad input is an error that says what was wrong", () => {
  assert.throws(() => labelComponents(new Uint8Array(5), 2, 3), /5 values for a 2x3 mask/);
  assert.throws(() => labelComponents(new Uint8Array(6), 2, 3, 6 as 4), /connectivity must be 4 or 8, got 6/);
  assert.throws(() => componentsOutside(labelComponents(new Uint8Array(6), 2, 3), new Uint8Array(4)), /4 region pixels for a 6-pixel mask/);
});
