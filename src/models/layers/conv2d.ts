/**
 * tfjs's Conv2D layer, except that a bias-free linear convolution runs as a plain `conv2d` instead of
 * tfjs-layers' fused op. The fused op differentiates through `customGrad`, which computes the gradient
 * of every input whether or not anything needs it: a network's first convolution then paid for the
 * gradient of the input image on every training step (108 ms of a 2.3 s ResNet50 step on wasm). The
 * plain op's gradients are computed per input, only where autodiff asks. Same weights, config, class
 * name and forward values (the same backend convolution, with no bias to add).
 */
import * as tf from "@tensorflow/tfjs";

type ConvArgs = Parameters<typeof tf.layers.conv2d>[0];
type ConvLayer = ReturnType<typeof tf.layers.conv2d>;

// tfjs exports the class only as a type; its constructor is reached through an instance.
const Conv2DLayer = tf.layers.conv2d({ filters: 1, kernelSize: 1 }).constructor as new (args: ConvArgs) => ConvLayer;

interface ConvInternals {
  bias: tf.LayerVariable | null;
  kernel: tf.LayerVariable;
  activation: { getClassName(): string };
  strides: [number, number];
  padding: "same" | "valid";
  dataFormat: string;
  dilationRate: [number, number];
}

export class Conv2d extends Conv2DLayer {
  call(inputs: tf.Tensor | tf.Tensor[], kwargs: tf.serialization.ConfigDict): tf.Tensor | tf.Tensor[] {
    const self = this as unknown as ConvInternals;
    const plain = self.bias == null && self.activation.getClassName().toLowerCase() === "linear" && self.dataFormat === "channelsLast";
    if (!plain) return super.call(inputs, kwargs);
    const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
    return tf.conv2d(x, self.kernel.read() as tf.Tensor4D, self.strides, self.padding, "NHWC", self.dilationRate);
  }
}

export function conv2d(args: ConvArgs): Conv2d {
  return new Conv2d(args);
}
