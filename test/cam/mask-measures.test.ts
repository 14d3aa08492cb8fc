import { test } from "node:test";
import assert from "node:assert/strict";
import { maskMeasures } from "../../src/cam/evaluation/mask-measures";

const grid = (rows: string[]) => Uint8Array.from(rows.join(""), (c) => (c === "#" ? 1 : 0));

test("a mask with one blob on the region and one stray pixel: area, blobs, overlap, highlight outside", () => {
  const truth = grid([
    "##...",
    "##...",
    ".....",
    ".....",
  ]);
  const mask = grid([
    "###..",
    "#....",
    ".....",
    "....#",
  ]);
  const m = maskMeasures(mask, truth, 4, 5);
  // TP 3 (three of the region's four pixels), FP 2 ((0, 2) and the corner), FN 1
  assert.deepEqual(m, { share: 5 / 20, components: 2, componentsOutside: 1, iou: 3 / 6, outsideOfMask: 2 / 5, outsideOfImage: 2 / 20 });
});

test("connectivity decides whether a diagonal stray pixel is its own blob", () => {
  const truth = grid(["#..", "...", "..."]);
  const mask = grid(["#..", ".#.", "..."]);
  assert.equal(maskMeasures(mask, truth, 3, 3, 8).components, 1);
  assert.equal(maskMeasures(mask, truth, 3, 3, 8).componentsOutside, 0);
  assert.equal(maskMeasures(mask, truth, 3, 3, 4).components, 2);
  assert.equal(maskMeasures(mask, truth, 3, 3, 4).componentsOutside, 1);
});

test("an empty mask highlights nothing outside the region; empty mask and region give IoU 0", () => {
  const truth = grid(["#.", ".."]);
  assert.deepEqual(maskMeasures(new Uint8Array(4), truth, 2, 2), { share: 0, components: 0, componentsOutside: 0, iou: 0, outsideOfMask: 0, outsideOfImage: 0 });
  assert.equal(maskMeasures(new Uint8Array(4), new Uint8Array(4), 2, 2).iou, 0);
  assert.equal(maskMeasures(truth, truth, 2, 2).iou, 1);
  assert.throws(() => maskMeasures(new Uint8Array(4), new Uint8Array(3), 2, 2), /mask 4 and truth 3 pixels for 2x2/);
});
