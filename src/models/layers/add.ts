/**
 * tfjs's Add (merge) layer whose gradient keeps nothing from the forward pass. tfjs's Add kernel saves
 * both inputs for the backward pass only to read their shapes (for broadcasting); in a residual block
 * that kept the block's last batch-norm output alive until the backward pass reached it: about a
 * quarter of everything a ResNet50 training step saves. Inputs of one shape, as in every residual
 * connection here, need no shapes: d(a + b) = (dy, dy). Other cases fall back to tfjs's layer.
 */
import * as tf from "@tensorflow/tfjs";

type AddArgs = Parameters<typeof tf.layers.add>[0];
type AddLayer = ReturnType<typeof tf.layers.add>;

// tfjs exports the class only as a type; its constructor is reached through an instance.
const AddBase = tf.layers.add({}).constructor as new (args?: AddArgs) => AddLayer;

/** a + b for tensors of one shape, differentiable without saving either. */
export function addSameShape(a: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x, y] = args as tf.Tensor[];
    // Two tensor objects: the backward pass may free each input's gradient on its own.
    return { value: tf.add(x, y), gradFunc: (dy: tf.Tensor) => [dy, tf.clone(dy)] };
  });
  return op(a, b);
}

export class Add extends AddBase {
  protected mergeFunction(inputs: tf.Tensor[]): tf.Tensor {
    const [a, b] = inputs;
    if (inputs.length !== 2 || !tf.util.arraysEqual(a.shape, b.shape)) {
      return (AddBase.prototype as unknown as { mergeFunction(i: tf.Tensor[]): tf.Tensor }).mergeFunction.call(this, inputs);
    }
    return addSameShape(a, b);
  }
}

export function add(args: AddArgs = {}): Add {
  return new Add(args);
}
