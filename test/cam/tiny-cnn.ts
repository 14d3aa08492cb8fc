/**
 * The CAM fixture's TinyCNN (../shared/fixtures/cam/README.md section 4) as a FeatureModel: three
 * 3x3 convolutions with explicit symmetric padding (TF 'same' pads stride 2 asymmetrically), eval-mode
 * BatchNorm and ReLU; relu3 is the CAM layer; head = global average pool + linear.
 */
import * as tf from "@tensorflow/tfjs";
import type { FeatureModel } from "../../src/models/feature-model";
import { readFixtureSafetensors } from "./fixture-arrays";

interface ConvBn {
  kernel: tf.Tensor4D;
  bias: tf.Tensor1D;
  mean: tf.Tensor1D;
  variance: tf.Tensor1D;
  gamma: tf.Tensor1D;
  beta: tf.Tensor1D;
  stride: number;
}

export function loadTinyCnn(): FeatureModel {
  const st = readFixtureSafetensors("model.safetensors");
  const get = (name: string): tf.Tensor => {
    const t = st[name];
    if (!t) throw new Error(`model.safetensors: missing ${name}`);
    return tf.tensor(t.data as Float32Array, t.shape);
  };
  const block = (conv: string, bn: string, stride: number): ConvBn => ({
    // OIHW -> HWIO
    kernel: tf.transpose(get(`${conv}.weight`), [2, 3, 1, 0]) as tf.Tensor4D,
    bias: get(`${conv}.bias`) as tf.Tensor1D,
    mean: get(`${bn}.running_mean`) as tf.Tensor1D,
    variance: get(`${bn}.running_var`) as tf.Tensor1D,
    gamma: get(`${bn}.weight`) as tf.Tensor1D,
    beta: get(`${bn}.bias`) as tf.Tensor1D,
    stride,
  });
  const blocks = [block("conv1", "bn1", 1), block("conv2", "bn2", 2), block("conv3", "bn3", 1)];
  const fcKernel = tf.transpose(get("fc.weight")) as tf.Tensor2D;
  const fcBias = get("fc.bias") as tf.Tensor1D;
  const apply = (x: tf.Tensor4D, b: ConvBn): tf.Tensor4D => {
    const conv = tf.add(tf.conv2d(x, b.kernel, b.stride, [[0, 0], [1, 1], [1, 1], [0, 0]]), b.bias) as tf.Tensor4D;
    return tf.relu(tf.batchNorm(conv, b.mean, b.variance, b.beta, b.gamma, 1e-5));
  };
  return {
    name: "tinycnn",
    numClasses: 3,
    inputSize: 32,
    forwardFeatures: (x) => blocks.reduce(apply, x),
    forwardHead: (a) => tf.add(tf.matMul(tf.mean(a, [1, 2]), fcKernel), fcBias) as tf.Tensor2D,
  };
}
