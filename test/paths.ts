/** Where tests find the shared conformance fixtures: `../shared` beside the checkout (CI has it too). */
import * as path from "node:path";
import * as fs from "node:fs";

export const REPO = path.resolve(__dirname, "..");
export const SHARED = process.env.DALA_SHARED ?? path.resolve(REPO, "..", "shared");
export const FIXTURES = path.join(SHARED, "fixtures");

export function fixture(...parts: string[]): string {
  const p = path.join(FIXTURES, ...parts);
  if (!fs.existsSync(p)) throw new Error(`fixture ${p} not found: tests expect ../shared/fixtures beside the checkout (or DALA_SHARED)`);
  return p;
}

export function readJsonFixture<T = any>(...parts: string[]): T {
  return JSON.parse(fs.readFileSync(fixture(...parts), "utf8"));
}
