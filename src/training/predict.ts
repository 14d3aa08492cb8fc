/**
 * Inference over a whole BatchSource (validation or test split) in evaluation mode, keeping everything a
 * later analysis needs: logits, softmax probabilities, argmax predictions, true labels and the manifest
 * row of each image. Saved per run as `<split>-predictions.safetensors`.
 */
import * as tf from "@tensorflow/tfjs";
import type { BatchSource } from "../data/batch-source";
import { writeSafetensors } from "../io/safetensors";
import { readCheckpoint } from "../weights/read-checkpoint";
import { crossEntropyPerExample } from "./loss";

export interface Predictions {
  numClasses: number;
  classNames: string[];
  /** Row-major [n, numClasses]. */
  logits: Float32Array;
  /** Softmax of the logits, row-major [n, numClasses]. */
  probabilities: Float32Array;
  predictions: Int32Array;
  labels: Int32Array;
  /** Manifest row of each image. */
  indices: Int32Array;
  /** Mean cross-entropy over the set. */
  loss: number;
}

export async function predict(model: tf.LayersModel, source: BatchSource, batchSize: number): Promise<Predictions> {
  const C = source.numClasses;
  const logits = new Float32Array(source.length * C);
  const probabilities = new Float32Array(source.length * C);
  const predictions = new Int32Array(source.length);
  const labels = new Int32Array(source.length);
  const indices = new Int32Array(source.length);
  let n = 0;
  let lossSum = 0;
  for await (const b of source.batches({ batchSize })) {
    const m = b.labels.length;
    if (n + m > source.length) throw new Error(`predict: the source yielded more than its length ${source.length} images`);
    const [l, p, a, s] = tf.tidy(() => {
      const out = model.apply(b.x, { training: false }) as tf.Tensor2D;
      if (out.shape[1] !== C) throw new Error(`predict: the model outputs ${out.shape[1]} logits, the data has ${C} classes`);
      return [out, tf.softmax(out), tf.argMax(out, 1), tf.sum(crossEntropyPerExample(out, b.labels))];
    });
    const [lv, pv, av, sv] = await Promise.all([l.data(), p.data(), a.data(), s.data()]);
    logits.set(lv, n * C);
    probabilities.set(pv, n * C);
    predictions.set(av, n);
    lossSum += sv[0];
    labels.set(b.labels, n);
    indices.set(b.indices, n);
    n += m;
    tf.dispose([l, p, a, s, b.x]);
  }
  if (n !== source.length) throw new Error(`predict: the source yielded ${n} images but says it has ${source.length}`);
  return { numClasses: C, classNames: [...source.classNames], logits, probabilities, predictions, labels, indices, loss: n ? lossSum / n : NaN };
}

export function savePredictions(file: string, p: Predictions, metadata: Record<string, string> = {}): void {
  const n = p.labels.length;
  writeSafetensors(
    file,
    {
      logits: { shape: [n, p.numClasses], data: p.logits },
      probabilities: { shape: [n, p.numClasses], data: p.probabilities },
      predictions: { shape: [n], data: p.predictions },
      labels: { shape: [n], data: p.labels },
      indices: { shape: [n], data: p.indices },
    },
    { ...metadata, classNames: JSON.stringify(p.classNames), loss: String(p.loss) },
  );
}

export function loadPredictions(file: string): Predictions {
  const { tensors, metadata } = readCheckpoint(file);
  for (const key of ["logits", "probabilities", "predictions", "labels", "indices"]) {
    if (!tensors[key]) throw new Error(`${file}: no '${key}' tensor; not a predictions file`);
  }
  return {
    numClasses: tensors.logits.shape[1],
    classNames: JSON.parse(metadata.classNames ?? "[]"),
    logits: tensors.logits.data as Float32Array,
    probabilities: tensors.probabilities.data as Float32Array,
    predictions: tensors.predictions.data as Int32Array,
    labels: tensors.labels.data as Int32Array,
    indices: tensors.indices.data as Int32Array,
    loss: Number(metadata.loss),
  };
}
