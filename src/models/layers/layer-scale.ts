/** DINOv2's LayerScale: a learned per-channel factor on each residual branch (`lambda1`). */
import * as tf from "@tensorflow/tfjs";
import type { TorchNamedLayer, TorchParam } from "../torch-names";

export class LayerScale extends tf.layers.Layer implements TorchNamedLayer {
  static className = "LayerScale";
  private readonly initValue: number;
  private gamma!: tf.LayerVariable;

  constructor(args: { name?: string; initValue?: number }) {
    super({ name: args.name });
    this.initValue = args.initValue ?? 1;
  }

  build(shape: tf.Shape | tf.Shape[]): void {
    const dim = (shape as tf.Shape)[(shape as tf.Shape).length - 1] as number;
    this.gamma = this.addWeight("lambda1", [dim], "float32", tf.initializers.constant({ value: this.initValue }));
    this.built = true;
  }

  call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => tf.mul(Array.isArray(inputs) ? inputs[0] : inputs, this.gamma.read()));
  }

  torchParams(): TorchParam[] {
    return [{ key: `${this.name}.lambda1`, layout: "same", variable: this.gamma }];
  }

  getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), initValue: this.initValue };
  }
}
tf.serialization.registerClass(LayerScale);
