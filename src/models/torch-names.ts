/**
 * Which PyTorch tensor feeds each tfjs variable. Layers are named after PyTorch module paths, so the
 * mapping is the layer name plus PyTorch's name for the role (kernel -> weight, moving_mean ->
 * running_mean, ...), with the layout conversion the role implies. Custom layers (attention, tokens)
 * declare their own names through `TorchNamedLayer`.
 */
import type * as tf from "@tensorflow/tfjs";

export type Layout = "conv" | "linear" | "same";

export interface TorchParam {
  /** PyTorch state_dict key. */
  key: string;
  layout: Layout;
  variable: tf.LayerVariable;
}

/** Implemented by the kit's custom layers whose variables do not follow the plain role names. */
export interface TorchNamedLayer {
  torchParams(): TorchParam[];
}

function isTorchNamed(layer: unknown): layer is TorchNamedLayer {
  return typeof (layer as TorchNamedLayer).torchParams === "function";
}

const ROLE_SUFFIX: Record<string, string> = {
  kernel: "weight",
  bias: "bias",
  gamma: "weight",
  beta: "bias",
  moving_mean: "running_mean",
  moving_variance: "running_var",
};

/** The PyTorch names of one layer's variables. */
export function layerTorchParams(layer: tf.layers.Layer): TorchParam[] {
  if (isTorchNamed(layer)) return layer.torchParams();
  return layer.weights.map((variable) => {
    const role = variable.originalName.slice(variable.originalName.lastIndexOf("/") + 1);
    const suffix = ROLE_SUFFIX[role];
    if (!suffix) throw new Error(`layer '${layer.name}': no PyTorch name for variable role '${role}' (${variable.originalName})`);
    const layout: Layout = role !== "kernel" ? "same" : variable.shape.length === 4 ? "conv" : "linear";
    return { key: `${layer.name}.${suffix}`, layout, variable };
  });
}
