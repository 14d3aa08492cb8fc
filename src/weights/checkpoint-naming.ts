/**
 * Published checkpoints use several naming conventions; each is renamed here to the kit's
 * PyTorch-style names (torchvision module paths for the CNNs). Tensors that carry no parameters
 * (BN step counters, index buffers, masks) are set aside as ignored rather than counted as extra.
 */
import type { NamedTensor } from "../io/safetensors";
import type { WeightsSource } from "../models/types";

type Tensors = Record<string, NamedTensor>;

const BUFFERS = [/\.num_batches_tracked$/, /\.relative_position_index$/, /\.attn_mask$/];

export function renameCheckpoint(naming: WeightsSource["naming"], tensors: Tensors): { tensors: Tensors; ignored: string[] } {
  const out: Tensors = {};
  const ignored: string[] = [];
  for (const [key, t] of Object.entries(tensors)) {
    if (BUFFERS.some((re) => re.test(key))) {
      ignored.push(key);
      continue;
    }
    switch (naming) {
      case "torchvision":
        out[key] = t;
        break;
      case "timm-vgg":
        Object.assign(out, timmVgg(key, t));
        break;
      case "timm-swin":
        out[timmSwinName(key)] = t;
        break;
      case "transformers-dinov2":
        // Dinov2ForImageClassification checkpoints nest the backbone under `dinov2.`.
        out[key.replace(/^dinov2\./, "")] = t;
        break;
      default:
        throw new Error(`unknown checkpoint naming '${naming}': torchvision, timm-vgg, timm-swin or transformers-dinov2`);
    }
  }
  return { tensors: out, ignored };
}

/**
 * timm's VGG16 keeps torchvision's `features.*` but stores the first two classifier layers as
 * convolutions (`pre_logits.fc1`: 4096x512x7x7, `pre_logits.fc2`: 4096x4096x1x1) and the last as
 * `head.fc`. A 7x7 convolution over the 7x7 map is torchvision's Linear over the channel-major
 * flattened map, so fc1's weight is the same numbers viewed as [4096, 25088].
 */
function timmVgg(key: string, t: NamedTensor): Tensors {
  const linear = (name: string): Tensors => {
    const shape = key.endsWith(".weight") ? [t.shape[0], t.shape.slice(1).reduce((a, b) => a * b, 1)] : t.shape;
    return { [name]: { ...t, shape } };
  };
  const suffix = key.slice(key.lastIndexOf(".") + 1);
  if (key.startsWith("pre_logits.fc1.")) return linear(`classifier.0.${suffix}`);
  if (key.startsWith("pre_logits.fc2.")) return linear(`classifier.3.${suffix}`);
  if (key.startsWith("head.fc.")) return { [`classifier.6.${suffix}`]: t };
  return { [key]: t };
}

/**
 * timm's Swin (>= 0.9, as on the hub): `patch_embed.proj/norm`, `layers.i.downsample` at the START of
 * stage i, `layers.i.blocks.j` with `mlp.fc1/fc2`, `head.fc` -> torchvision's `features.k` sequence
 * (0: patch embedding, 2i+1: stage i's blocks, 2i: the merging before stage i), `mlp.0/3`, `head`.
 */
function timmSwinName(key: string): string {
  let m: RegExpExecArray | null;
  if ((m = /^patch_embed\.proj\.(.+)$/.exec(key))) return `features.0.0.${m[1]}`;
  if ((m = /^patch_embed\.norm\.(.+)$/.exec(key))) return `features.0.2.${m[1]}`;
  if ((m = /^layers\.(\d+)\.downsample\.(.+)$/.exec(key))) return `features.${2 * Number(m[1])}.${m[2]}`;
  if ((m = /^layers\.(\d+)\.blocks\.(\d+)\.(.+)$/.exec(key))) {
    const rest = m[3].replace(/^mlp\.fc1\./, "mlp.0.").replace(/^mlp\.fc2\./, "mlp.3.");
    return `features.${2 * Number(m[1]) + 1}.${m[2]}.${rest}`;
  }
  if ((m = /^head\.fc\.(.+)$/.exec(key))) return `head.${m[1]}`;
  return key;
}
