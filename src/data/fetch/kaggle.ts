/**
 * Kaggle credentials, found the way the Kaggle CLI finds them: KAGGLE_USERNAME and KAGGLE_KEY in the
 * environment, else `kaggle.json` in KAGGLE_CONFIG_DIR or ~/.kaggle. A failure names exactly what is
 * missing.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { FetchError } from "../../io/fetch-error";

export interface KaggleCredentials {
  username: string;
  key: string;
  source: string;
}

export function kaggleCredentials(env: NodeJS.ProcessEnv = process.env, home: string = os.homedir()): KaggleCredentials {
  const { KAGGLE_USERNAME: user, KAGGLE_KEY: key } = env;
  if (user && key) return { username: user, key, source: "environment (KAGGLE_USERNAME, KAGGLE_KEY)" };
  const dir = env.KAGGLE_CONFIG_DIR || path.join(home, ".kaggle");
  const file = path.join(dir, "kaggle.json");
  if (!fs.existsSync(file)) {
    const half = user ? "KAGGLE_USERNAME is set but KAGGLE_KEY is not" : key ? "KAGGLE_KEY is set but KAGGLE_USERNAME is not" : "KAGGLE_USERNAME and KAGGLE_KEY are not set";
    throw new FetchError("credentials", `Kaggle credentials missing: ${half}, and ${file} does not exist (create an API token at kaggle.com > Settings > API)`);
  }
  let json: any;
  try {
    json = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new FetchError("credentials", `${file} is not valid JSON: ${(e as Error).message}`);
  }
  const missing = ["username", "key"].filter((k) => typeof json?.[k] !== "string" || json[k] === "");
  if (missing.length) throw new FetchError("credentials", `${file} has no ${missing.map((k) => `'${k}'`).join(" or ")}`);
  return { username: user || json.username, key: key || json.key, source: file };
}

export function kaggleAuthHeader(c: KaggleCredentials): string {
  return `Basic ${Buffer.from(`${c.username}:${c.key}`).toString("base64")}`;
}
