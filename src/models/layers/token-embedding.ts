/**
 * Prepends a learned CLS token to patch tokens and adds learned position embeddings. The position
 * grid is stored at the checkpoint's size (`storedGrid`, e.g. DINOv2's 37x37 for 518 px) and resized
 * to the input's patch grid with PyTorch's bicubic interpolation written as a constant matrix (a
 * matmul: differentiable on every backend, no gather). DINOv2 keeps an unused `mask_token` (for
 * masked-image pre-training); it is part of the checkpoint and of the paper's parameter count.
 */
import * as tf from "@tensorflow/tfjs";
import type { TorchNamedLayer, TorchParam } from "../torch-names";
import { bicubicGridMatrix } from "../bicubic";

type Initializer = ReturnType<typeof tf.initializers.zeros>;

export interface TokenEmbeddingArgs {
  name?: string;
  dim: number;
  /** Side of the stored position grid. */
  storedGrid: number;
  /** Side of the input's patch grid. */
  grid: number;
  /** DINOv2 resizes with scale factor (grid + 0.1) / storedGrid; plain resizing uses the sizes. */
  interpolationOffset?: number;
  maskToken?: boolean;
  /** PyTorch names of cls token, position embeddings and mask token. */
  torchNames: { cls: string; pos: string; mask?: string };
  initializer?: Initializer;
}

export class TokenEmbedding extends tf.layers.Layer implements TorchNamedLayer {
  static className = "TokenEmbedding";
  private readonly args: TokenEmbeddingArgs;
  private cls!: tf.LayerVariable;
  private pos!: tf.LayerVariable;
  private mask?: tf.LayerVariable;

  constructor(args: TokenEmbeddingArgs) {
    super({ name: args.name });
    this.args = args;
  }

  build(): void {
    const { dim, storedGrid, initializer = tf.initializers.truncatedNormal({ stddev: 0.02 }) } = this.args;
    this.cls = this.addWeight("cls_token", [1, 1, dim], "float32", initializer);
    this.pos = this.addWeight("position_embeddings", [1, 1 + storedGrid * storedGrid, dim], "float32", initializer);
    if (this.args.maskToken) this.mask = this.addWeight("mask_token", [1, dim], "float32", tf.initializers.zeros());
    this.built = true;
  }

  computeOutputShape(shape: tf.Shape | tf.Shape[]): tf.Shape {
    const [n, len, d] = shape as tf.Shape;
    return [n, len === null ? null : len + 1, d];
  }

  /** Position embeddings for the input's grid [1, 1 + grid^2, dim]. */
  private positions(): tf.Tensor {
    const { storedGrid: s, grid: g, dim, interpolationOffset = 0 } = this.args;
    const pos = this.pos.read();
    if (s === g) return pos;
    const clsPos = tf.slice(pos, [0, 0, 0], [1, 1, dim]);
    const patchPos = tf.reshape(tf.slice(pos, [0, 1, 0], [1, s * s, dim]), [s * s, dim]);
    const scale = s / (g + interpolationOffset);
    const m = tf.tensor2d(bicubicGridMatrix(s, s, g, g, scale, scale), [g * g, s * s]);
    return tf.concat([clsPos, tf.reshape(tf.matMul(m, patchPos), [1, g * g, dim])], 1);
  }

  call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      const n = x.shape[0] as number;
      const cls = tf.tile(this.cls.read(), [n, 1, 1]);
      return tf.add(tf.concat([cls, x], 1), this.positions());
    });
  }

  torchParams(): TorchParam[] {
    const { cls, pos, mask } = this.args.torchNames;
    const params: TorchParam[] = [
      { key: cls, layout: "same", variable: this.cls },
      { key: pos, layout: "same", variable: this.pos },
    ];
    if (this.mask && mask) params.push({ key: mask, layout: "same", variable: this.mask });
    return params;
  }

  getConfig(): tf.serialization.ConfigDict {
    const { initializer: _omit, ...rest } = this.args;
    return { ...super.getConfig(), ...(rest as unknown as tf.serialization.ConfigDict) };
  }
}
tf.serialization.registerClass(TokenEmbedding);
