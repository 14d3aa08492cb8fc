import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { readNotebook, sourceText } from "../../src/notebook/nbformat";
import { proseClaims, proseOf, sentencesOf, type ProseClaim } from "./prose-claims";
import { ALLOWED_SENTENCES } from "./prose-allow-list";
import { REPO } from "../paths";

test("prose scan: numbers and comparisons are claims; code, LaTeX, ordinals and sizes are not", () => {
  const hits = proseClaims([
    "DALAResNet50 reaches 0.93 accuracy. The model is *better* than VGG16.",
    "Inputs are 32 x 32 px; the 2.5th percentile bounds it. `acc = 0.97` is code and $p < 0.05$ is maths.",
    "| model | acc |\n|---|---|\n| VGG16 | 12 % |",
    "It trains 4x faster.",
    "We read the best validation epoch.",
  ]);
  assert.deepEqual(hits.map((h) => [h.cell, h.because]), [
    [0, "number '0.93'"],
    [0, "comparison 'better'"],
    [2, "number '12 %'"],
    [3, "number '4x'"],
  ]);
  assert.equal(proseOf("a `b 0.5` $c$ d").replace(/\s+/g, " "), "a d");
  assert.deepEqual(sentencesOf("One. Two? (Three) four."), ["One.", "Two?", "(Three) four."]);
});

/** Markdown cells of every notebook, and README.md's sections, with the file each belongs to. */
function scannedProse(): { file: string; hits: ProseClaim[] }[] {
  const dir = path.join(REPO, "notebooks");
  const notebooks = fs.readdirSync(dir).filter((f) => f.endsWith(".ipynb")).sort().map((file) => ({
    file,
    hits: proseClaims(readNotebook(path.join(dir, file)).cells.filter((c) => c.cell_type === "markdown").map((c) => sourceText(c.source))),
  }));
  const readme = fs.readFileSync(path.join(REPO, "README.md"), "utf8").split(/\n(?=#)/);
  return [...notebooks, { file: "README.md", hits: proseClaims(readme) }];
}

test("no hand-written result prose: every flagged sentence of the notebooks and README is allow-listed with a reason", () => {
  const used = new Set<number>();
  const unexplained: string[] = [];
  for (const { file, hits } of scannedProse()) {
    for (const hit of hits) {
      const i = ALLOWED_SENTENCES.findIndex((a) => a.file === file && hit.sentence.includes(a.phrase));
      if (i < 0) unexplained.push(`${file} cell ${hit.cell} (${hit.because}): ${hit.sentence}`);
      else used.add(i);
    }
  }
  assert.deepEqual(unexplained, [], "generate these sentences from result files, or allow-list them with the reason they state no result");
  const stale = ALLOWED_SENTENCES.filter((_, i) => !used.has(i)).map((a) => `${a.file}: ${a.phrase}`);
  assert.deepEqual(stale, [], "allow-list entries that match no flagged sentence any more");
});
