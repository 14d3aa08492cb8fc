/** The version of an installed package, or undefined when it is not installed (optional dependencies). */
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "./paths";

export function installedVersion(pkg: string): string | undefined {
  // Read the file directly: some packages (sharp) do not export their package.json to require().
  const file = path.join(REPO_ROOT, "node_modules", pkg, "package.json");
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")).version as string) : undefined;
}
