/** A split of a manifest's rows into train / validation / test, saved so every model sees the same one. */
export const PARTS = ["train", "val", "test"] as const;
export type Part = (typeof PARTS)[number];

export interface Split {
  dataset: string;
  /** "paper": the paper's image-level stratified 6:1:3; "patient": no patient on two sides. */
  kind: "paper" | "patient";
  seed: number;
  /** Rows in the manifest the split was made for (checked on load). */
  rows: number;
  /** sha256 of the manifest's image paths, so a split is never applied to another manifest. */
  manifestHash: string;
  train: number[];
  val: number[];
  test: number[];
}
