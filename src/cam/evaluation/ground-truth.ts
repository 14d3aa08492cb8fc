/**
 * The "true regions" a CAM is scored against. The paper never says what its true regions are
 * (BreakHis has no region annotations), so the kit uses what each data set can honestly give:
 * - synthetic data: the exact mask of the class-deciding region, known because the kit drew it;
 * - Mini-DDSM: the radiologists' lesion masks (`*_Mask.png`, Benign and Cancer cases);
 * - H&E images without annotations (BreakHis, BACH): a nuclei mask from colour deconvolution
 *   (haematoxylin + Otsu), a PROXY: it marks nuclei, not the lesion, and every table says so.
 */
import * as path from "node:path";
import sharp from "sharp";
import type { Manifest } from "../../data/manifest/types";
import { manifestDataset } from "../../data/datasets";
import { nucleiMask } from "../stain/nuclei-mask";

export type TruthKind = "synthetic-region" | "lesion-mask" | "nuclei-proxy";

export const TRUTH_LABELS: Record<TruthKind, string> = {
  "synthetic-region": "exact mask of the class-deciding region (synthetic data)",
  "lesion-mask": "lesion mask (Mini-DDSM annotation)",
  "nuclei-proxy": "PROXY: nuclei mask from colour deconvolution (haematoxylin + Otsu), not a lesion annotation",
};

/** A mask file resized to size x size (nearest neighbour, so it stays binary), as 0/1. */
export async function readMask(file: string, size: number): Promise<Uint8Array> {
  let data: Buffer;
  try {
    data = await sharp(file).removeAlpha().toColourspace("b-w").resize(size, size, { fit: "fill", kernel: "nearest" }).raw().toBuffer();
  } catch (e) {
    throw new Error(`cannot read mask ${file}: ${(e as Error).message.split("\n")[0]}`);
  }
  if (data.length !== size * size) throw new Error(`mask ${file} decoded to ${data.length} values, expected ${size}x${size}`);
  return Uint8Array.from(data, (v) => (v > 127 ? 1 : 0));
}

export interface GroundTruth {
  kind: TruthKind;
  /** 0/1 [size, size]. */
  mask: Uint8Array;
}

/**
 * The ground truth of manifest row `row`, whose image at the model's input size is `rgb` (uint8,
 * size*size*3), or null when the row has none (a Normal mammogram, or a data set without masks
 * that is not H&E).
 */
export async function groundTruth(manifest: Manifest, row: number, rgb: Uint8Array, size: number, synthetic: boolean): Promise<GroundTruth | null> {
  const r = manifest.rows[row];
  if (!r) throw new Error(`${manifest.dataset}: no manifest row ${row}`);
  if (r.mask) return { kind: synthetic ? "synthetic-region" : "lesion-mask", mask: await readMask(path.join(manifest.root, r.mask), size) };
  // only in H&E histology is a haematoxylin mask a meaningful stand-in when no annotation exists
  if (manifestDataset(manifest.dataset)?.imaging !== "H&E") return null;
  return { kind: "nuclei-proxy", mask: nucleiMask(rgb, size, size).mask };
}

/** True when the mask marks at least one pixel (region metrics are undefined for an empty truth). */
export function hasRegion(mask: ArrayLike<number>): boolean {
  for (let i = 0; i < mask.length; i++) if (mask[i]) return true;
  return false;
}
