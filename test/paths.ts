/** Where tests find the files they read: the repository's own test/fixtures, and the paper's text if given. */
import * as path from "node:path";
import * as fs from "node:fs";

export const REPO = path.resolve(__dirname, "..");
export const FIXTURES = path.join(REPO, "test", "fixtures");

/** The committed pytorch-grad-cam reference set (TinyCNN, test/fixtures/cam/pytorch-grad-cam/README.md). */
export const REPO_CAM_SET = path.join(FIXTURES, "cam", "pytorch-grad-cam");

/**
 * The set the CAM conformance tests read. DALA_CAM_FIXTURES names another folder made by
 * test/fixtures/cam/make_pytorch_grad_cam.py, so that the same tests run on a set of another shape
 * (they take every dimension from the set's own metadata).
 */
export const CAM_SET = process.env.DALA_CAM_FIXTURES ? path.resolve(process.env.DALA_CAM_FIXTURES) : REPO_CAM_SET;

function existing(p: string): string {
  if (!fs.existsSync(p)) throw new Error(`fixture ${p} not found`);
  return p;
}

/** A file under test/fixtures. */
export function fixture(...parts: string[]): string {
  return existing(path.join(FIXTURES, ...parts));
}

export function readJsonFixture<T = any>(...parts: string[]): T {
  return JSON.parse(fs.readFileSync(fixture(...parts), "utf8"));
}

/** A file of a CAM reference set (by default CAM_SET). */
export function camFixture(name: string, dir: string = CAM_SET): string {
  return existing(path.join(dir, name));
}

export const PAPER_TEXT_NAME = "DALAResNet50-DT-GradCAM.txt";

/**
 * The paper's text, which the kit does not ship: DALA_PAPER_TEXT is the path of
 * DALAResNet50-DT-GradCAM.txt. `skip` is the one-line reason for node:test when it is not there.
 */
export function paperText(): { file: string; skip: false } | { file: undefined; skip: string } {
  const file = process.env.DALA_PAPER_TEXT;
  if (!file) return { file: undefined, skip: `needs the paper's text ${PAPER_TEXT_NAME}: set DALA_PAPER_TEXT to its path` };
  if (!fs.existsSync(file)) return { file: undefined, skip: `paper text ${file} (DALA_PAPER_TEXT) not found` };
  return { file, skip: false };
}
