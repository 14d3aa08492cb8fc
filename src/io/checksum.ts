/** File digests, read as a stream so multi-gigabyte archives and checkpoints are never held in memory. */
import * as fs from "node:fs";
import { createHash } from "node:crypto";

export async function fileDigest(file: string, algorithm: "md5" | "sha256"): Promise<string> {
  const h = createHash(algorithm);
  for await (const chunk of fs.createReadStream(file)) h.update(chunk as Buffer);
  return h.digest("hex");
}
