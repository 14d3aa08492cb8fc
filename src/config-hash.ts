/** The hash under which a config's results are stored: equal configs hash equally, whatever their key order. */
import { createHash } from "node:crypto";

/** JSON with object keys sorted at every level, so equal configs hash equally whatever their key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) => {
    if (v && typeof v === "object" && !Array.isArray(v)) {
      return Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]]));
    }
    return v;
  });
}

/** Short sha256 of the canonical JSON of a config: the key under which its results are stored. */
export function configHash(config: unknown, length = 16): string {
  return createHash("sha256").update(canonicalJson(config)).digest("hex").slice(0, length);
}
