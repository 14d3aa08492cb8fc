import type * as tf from "@tensorflow/tfjs";

/**
 * The small interface (timm's forward_features / forward_head) that CAM and training code rely on.
 * `forwardFeatures` ends at the layer a CAM should read; `forwardHead` maps those activations to logits.
 * Both are plain tensor functions so that `tf.grad` can differentiate the head with respect to the
 * activations, which is what Grad-CAM needs.
 */
export interface FeatureModel {
  readonly name: string;
  readonly numClasses: number;
  /** Input size in pixels (square). */
  readonly inputSize: number;
  /** NHWC input -> CAM-layer activations NHWC [n, h, w, c] (transformer tokens reshaped onto their grid). */
  forwardFeatures(x: tf.Tensor4D, training?: boolean): tf.Tensor4D;
  /** CAM-layer activations -> logits [n, classes]. */
  forwardHead(a: tf.Tensor4D, training?: boolean): tf.Tensor2D;
}
