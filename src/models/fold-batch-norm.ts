/**
 * Inference with batch-norm folded into the convolution before it. A tfjs-layers ResNet runs
 * Conv2D, then FusedBatchNorm, then ReLU as three passes over every activation; with the batch-norm
 * scale and shift folded into the filter and a bias (W' = W * g / sqrt(v + eps), b' = beta - m * g /
 * sqrt(v + eps)) one XNNPACK convolution with fused bias + ReLU does all three.
 *
 * `foldBatchNorm` walks a functional LayersModel's graph and evaluates it eagerly: Conv2D -> BN
 * (-> ReLU) chains whose intermediate results nothing else reads become one fused convolution; every
 * other layer is applied as is (inference mode), so custom layers keep working. The folded weights are
 * a snapshot: fold again after the model's weights change.
 */
import * as tf from "@tensorflow/tfjs";
import type { FeatureModel } from "./feature-model";
import { producingNode } from "./graph-node";

type Sym = tf.SymbolicTensor;

export interface FoldedModel {
  /** Convolution + batch-norm pairs that were folded. */
  readonly folded: number;
  predict(x: tf.Tensor): tf.Tensor;
  dispose(): void;
}

/** The filter and bias of conv(x) followed by inference-mode batch-norm. */
export function foldConvBatchNorm(
  kernel: tf.Tensor4D,
  bias: tf.Tensor1D | undefined,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
  mean: tf.Tensor1D,
  variance: tf.Tensor1D,
  epsilon: number,
): { kernel: tf.Tensor4D; bias: tf.Tensor1D } {
  return tf.tidy(() => {
    const scale = tf.div(gamma, tf.sqrt(tf.add(variance, epsilon)));
    const shifted = bias ? tf.sub(bias, mean) : tf.neg(mean);
    return { kernel: tf.mul(kernel, scale) as tf.Tensor4D, bias: tf.add(beta, tf.mul(shifted, scale)) as tf.Tensor1D };
  });
}

function className(layer: tf.layers.Layer): string {
  return layer.getClassName();
}

interface FusedConv {
  input: Sym;
  kernel: tf.Tensor4D;
  bias: tf.Tensor1D;
  strides: [number, number];
  pad: "same" | "valid";
  dilations: [number, number];
}

type Fused = FusedConv & { activation: "linear" | "relu" };

/** Every symbolic tensor reachable from the outputs (each once, in walk order) and its number of consumers. */
function graphOf(inputs: Sym[], outputs: Sym[]): { tensors: Sym[]; consumers: Map<number, number> } {
  const tensors: Sym[] = [];
  const consumers = new Map<number, number>();
  const seen = new Set<number>();
  const count = (t: Sym) => consumers.set(t.id, (consumers.get(t.id) ?? 0) + 1);
  const walk = (t: Sym) => {
    if (seen.has(t.id)) return;
    seen.add(t.id);
    tensors.push(t);
    if (inputs.includes(t)) return;
    for (const i of producingNode(t).inputTensors) {
      count(i);
      walk(i);
    }
  };
  outputs.forEach((o) => {
    count(o);
    walk(o);
  });
  return { tensors, consumers };
}

/** BN outputs whose input is a linear, bias-or-not, channels-last Conv2D used only by that BN: one convolution each. */
function fuseConvBatchNorms(tensors: Sym[], consumers: Map<number, number>, inputs: Sym[]): Map<number, Fused> {
  const fused = new Map<number, Fused>();
  for (const t of tensors) {
    if (inputs.includes(t) || className(t.sourceLayer) !== "BatchNormalization") continue;
    const bn = t.sourceLayer as any;
    const convOut = producingNode(t).inputTensors[0];
    if (inputs.includes(convOut) || className(convOut.sourceLayer) !== "Conv2D" || consumers.get(convOut.id) !== 1) continue;
    const conv = convOut.sourceLayer as any;
    const axis = bn.axis as number;
    if (!(axis === -1 || axis === 3) || !bn.center || !bn.scale) continue;
    if (conv.activation?.getClassName?.().toLowerCase() !== "linear" || conv.dataFormat !== "channelsLast") continue;
    const [kernel, convBias] = conv.getWeights() as tf.Tensor[];
    const [gamma, beta, mean, variance] = bn.getWeights() as tf.Tensor1D[];
    const f = foldConvBatchNorm(kernel as tf.Tensor4D, conv.useBias ? (convBias as tf.Tensor1D) : undefined, gamma, beta, mean, variance, bn.epsilon);
    fused.set(t.id, {
      input: producingNode(convOut).inputTensors[0],
      ...f,
      strides: conv.strides as [number, number],
      pad: conv.padding as "same" | "valid",
      dilations: conv.dilationRate as [number, number],
      activation: "linear",
    });
  }
  return fused;
}

/** A ReLU (without a cap) that is the only consumer of a fused convolution becomes that convolution's activation. */
function fuseRelus(fused: Map<number, Fused>, tensors: Sym[], consumers: Map<number, number>, inputs: Sym[]): void {
  for (const t of tensors) {
    if (inputs.includes(t) || className(t.sourceLayer) !== "ReLU") continue;
    const before = producingNode(t).inputTensors[0];
    const f = fused.get(before.id);
    const relu = t.sourceLayer as any;
    if (!f || consumers.get(before.id) !== 1 || relu.maxValue != null) continue;
    fused.set(t.id, { ...f, activation: "relu" });
    fused.delete(before.id);
  }
}

/**
 * Evaluates the graph on `x` with the fused convolutions in place of their conv + BN (+ ReLU) chains,
 * every other layer applied as it is in inference mode; intermediate tensors are freed as soon as their
 * last consumer has run.
 */
function runFolded(x: tf.Tensor, inputs: Sym[], outputs: Sym[], fused: Map<number, Fused>, consumers: Map<number, number>): tf.Tensor {
  if (outputs.length !== 1) throw new Error("foldBatchNorm: models with one output only");
  const values = new Map<number, tf.Tensor>();
  const remaining = new Map(consumers);
  const release = (t: Sym) => {
    const left = (remaining.get(t.id) ?? 0) - 1;
    remaining.set(t.id, left);
    const v = values.get(t.id);
    if (left <= 0 && v && !inputs.includes(t)) {
      v.dispose();
      values.delete(t.id);
    }
  };
  const evaluate = (t: Sym): tf.Tensor => {
    const known = values.get(t.id);
    if (known) return known;
    let out: tf.Tensor;
    const f = fused.get(t.id);
    if (inputs.includes(t)) {
      out = x;
    } else if (f) {
      const input = evaluate(f.input);
      out = tf.fused.conv2d({ x: input as tf.Tensor4D, filter: f.kernel, strides: f.strides, pad: f.pad, dilations: f.dilations, bias: f.bias, activation: f.activation });
      release(f.input);
    } else {
      const node = producingNode(t);
      const args = node.inputTensors.map(evaluate);
      const result = t.sourceLayer.apply(args.length === 1 ? args[0] : args, { training: false }) as tf.Tensor | tf.Tensor[];
      out = Array.isArray(result) ? result[node.outputTensors.indexOf(t)] : result;
      node.inputTensors.forEach(release);
    }
    values.set(t.id, out);
    return out;
  };
  return evaluate(outputs[0]);
}

export function foldBatchNorm(model: tf.LayersModel): FoldedModel {
  const { inputs, outputs } = model;
  const { tensors, consumers } = graphOf(inputs, outputs);
  const fused = fuseConvBatchNorms(tensors, consumers, inputs);
  fuseRelus(fused, tensors, consumers, inputs);
  const weights = [...fused.values()].flatMap((f) => [f.kernel, f.bias]);
  return {
    folded: fused.size,
    predict: (x: tf.Tensor) => runFolded(x, inputs, outputs, fused, consumers),
    dispose() {
      tf.dispose(weights);
    },
  };
}

/**
 * The model with its inference-mode `forwardFeatures` running the folded graph: what CAMs, their
 * faithfulness scores and predictions of a trained run need, at the folded speed. Training-mode calls,
 * the head and everything else stay the model's own. Models without batch norm (the transformers) come
 * back unchanged. The fold is a snapshot of the weights: wrap a trained model, not one still training.
 */
export function withFoldedFeatures<M extends FeatureModel & { featuresModel: tf.LayersModel; tokenGrid?: unknown; dispose(): void }>(model: M): M {
  if (model.tokenGrid) return model;
  const folded = foldBatchNorm(model.featuresModel);
  if (folded.folded === 0) {
    folded.dispose();
    return model;
  }
  const wrapped = Object.create(model) as M;
  wrapped.forwardFeatures = (x: tf.Tensor4D, training = false) => (training ? model.forwardFeatures(x, true) : (folded.predict(x) as tf.Tensor4D));
  wrapped.dispose = () => {
    folded.dispose();
    model.dispose();
  };
  return wrapped;
}
