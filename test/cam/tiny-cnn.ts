/**
 * The CAM fixture's TinyCNN (test/fixtures/cam/pytorch-grad-cam/README.md section 4) as a FeatureModel:
 * the convolutions of model.json's architecture with explicit symmetric padding (TF 'same' pads
 * stride 2 asymmetrically), each followed by eval-mode BatchNorm and ReLU; the last ReLU is the CAM
 * layer; head = global average pool + linear. Classes, input size and strides come from model.json.
 */
import * as tf from "@tensorflow/tfjs";
import type { FeatureModel } from "../../src/models/feature-model";
import { CAM_SET } from "../paths";
import { camSet, readFixtureSafetensors } from "./fixture-arrays";

interface ConvBn {
  kernel: tf.Tensor4D;
  bias: tf.Tensor1D;
  mean: tf.Tensor1D;
  variance: tf.Tensor1D;
  gamma: tf.Tensor1D;
  beta: tf.Tensor1D;
  stride: number;
  epsilon: number;
}

interface Layer {
  name: string;
  op: string;
  kernel?: number[];
  stride?: number[];
  padding?: number[];
  eps?: number;
}

/**
 * The TinyCNN of the CAM set in `dir` (by default CAM_SET). With `reinitSeed`, the convolution and
 * linear weights are redrawn (normal, each tensor's own standard deviation) and batch-norm kept: the
 * same architecture with other weights, for the model randomisation test.
 */
export function loadTinyCnn(dir: string = CAM_SET, reinitSeed?: number): FeatureModel {
  const spec = camSet(dir).model();
  const st = readFixtureSafetensors("model.safetensors", dir);
  const get = (name: string): tf.Tensor => {
    const t = st[name];
    if (!t) throw new Error(`model.safetensors: missing ${name}`);
    const x = tf.tensor(t.data as Float32Array, t.shape);
    if (reinitSeed === undefined || !/^(conv\d+|fc)\.(weight|bias)$/.test(name)) return x;
    const sd = tf.tidy(() => tf.moments(x).variance.sqrt().dataSync()[0]);
    x.dispose();
    return tf.randomNormal(t.shape, 0, sd || 0.1, "float32", reinitSeed + name.length * 7919 + name.charCodeAt(name.length - 3));
  };
  const block = (conv: Layer, bn: Layer | undefined): ConvBn => {
    const [sy, sx] = conv.stride!;
    if (sy !== sx || conv.kernel!.join() !== "3,3" || conv.padding!.join() !== "1,1" || bn?.op !== "BatchNorm2d") {
      throw new Error(`model.json ${conv.name}: only 3x3 convolutions with padding 1 and a square stride, followed by BatchNorm2d, are mapped`);
    }
    return {
      // OIHW -> HWIO
      kernel: tf.transpose(get(`${conv.name}.weight`), [2, 3, 1, 0]) as tf.Tensor4D,
      bias: get(`${conv.name}.bias`) as tf.Tensor1D,
      mean: get(`${bn.name}.running_mean`) as tf.Tensor1D,
      variance: get(`${bn.name}.running_var`) as tf.Tensor1D,
      gamma: get(`${bn.name}.weight`) as tf.Tensor1D,
      beta: get(`${bn.name}.bias`) as tf.Tensor1D,
      stride: sy,
      epsilon: bn.eps!,
    };
  };
  const layers: Layer[] = spec.architecture;
  const blocks = layers.flatMap((l, i) => (l.op === "Conv2d" ? [block(l, layers[i + 1])] : []));
  const fcKernel = tf.transpose(get("fc.weight")) as tf.Tensor2D;
  const fcBias = get("fc.bias") as tf.Tensor1D;
  const apply = (x: tf.Tensor4D, b: ConvBn): tf.Tensor4D => {
    const conv = tf.add(tf.conv2d(x, b.kernel, b.stride, [[0, 0], [1, 1], [1, 1], [0, 0]]), b.bias) as tf.Tensor4D;
    return tf.relu(tf.batchNorm(conv, b.mean, b.variance, b.beta, b.gamma, b.epsilon));
  };
  return {
    name: "tinycnn",
    numClasses: spec.num_classes,
    inputSize: spec.input_shape_NCHW[2],
    forwardFeatures: (x) => blocks.reduce(apply, x),
    forwardHead: (a) => tf.add(tf.matMul(tf.mean(a, [1, 2]), fcKernel), fcBias) as tf.Tensor2D,
  };
}
