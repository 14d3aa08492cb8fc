/**
 * The paper's claims, each in a sentence with the tables it rests on and what a comparison table must
 * show for it: which arm is the reference, on which metrics, in which direction.
 */

export type Direction = "higher" | "lower";

export interface Claim {
  id: string;
  /** The claim as the paper makes it, in one sentence. */
  statement: string;
  /** Where the paper makes it, e.g. "Tables 7-8". */
  restsOn: string;
  /** The comparison tables (paper table numbers) whose rows are its evidence. */
  tables: readonly number[];
  /** The arm the claim is about, as the comparison rows name it. */
  reference: string;
  /** The direction the claim predicts for the reference, per metric. */
  metrics: Readonly<Record<string, Direction>>;
  /** Only these other arms (all when absent). */
  others?: readonly string[];
}

export const CLAIMS: readonly Claim[] = [
  {
    id: "dalaresnet50-most-accurate",
    statement: "DALAResNet50 is more accurate than each of the eight other models on every data set.",
    restsOn: "Tables 7-8",
    tables: [7, 8],
    reference: "DALAResNet50",
    metrics: { accuracy: "higher" },
  },
  {
    id: "dalaresnet50-best-balanced-scores",
    statement: "DALAResNet50 has a higher F1, IBA and G-mean than each of the eight other models on every data set.",
    restsOn: "Tables 7-8",
    tables: [7, 8],
    reference: "DALAResNet50",
    metrics: { f1Macro: "higher", iba: "higher", gmean: "higher" },
  },
  {
    id: "attention-best-after-layer4",
    statement: "The attention module works best after layer4: that position beats layer1, layer2 and layer3 at every magnification.",
    restsOn: "Table 2",
    tables: [2],
    reference: "layer4",
    metrics: { accuracy: "higher", f1Macro: "higher", aucRoc: "higher" },
  },
  {
    id: "dalaresnet50-converges-fastest",
    statement: "DALAResNet50 converges faster than every other model.",
    restsOn: "Tables 9-10",
    tables: [9, 10],
    reference: "DALAResNet50",
    metrics: { convergenceSeconds: "lower" },
  },
  {
    id: "dt-gradcam-localises-best",
    statement: "DT Grad-CAM localises the relevant region better than Grad-CAM, Grad-CAM++, Score-CAM and Eigen-CAM at every magnification.",
    restsOn: "Table 14",
    tables: [14],
    reference: "DT Grad-CAM",
    metrics: { f1: "higher", iou: "higher" },
  },
  {
    id: "dt-gradcam-tighter-than-gradcam",
    statement: "DT Grad-CAM's masks are tighter than Grad-CAM's: smaller, and more of them on the relevant region.",
    restsOn: "Table 14 and Fig. 7",
    tables: [14],
    reference: "DT Grad-CAM",
    metrics: { maskShare: "lower", precision: "higher" },
    others: ["Grad-CAM"],
  },
];
