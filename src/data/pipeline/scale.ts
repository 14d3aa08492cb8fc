/** Pixel scalings: the paper's [-1, 1], and the ImageNet mean/std that the pretrained weights expect. */
import * as tf from "@tensorflow/tfjs";

export type Scaling = "paper" | "imagenet";

const MEAN = [0.485, 0.456, 0.406];
const STD = [0.229, 0.224, 0.225];

/** Packs uint8 RGB images (each size*size*3) into one float NHWC batch tensor. */
export function toBatchTensor(images: readonly Uint8Array[], size: number, scaling: Scaling = "paper"): tf.Tensor4D {
  const per = size * size * 3;
  const data = new Float32Array(images.length * per);
  images.forEach((img, n) => {
    if (img.length !== per) throw new Error(`image ${n} has ${img.length} values, expected ${per} (${size}x${size}x3)`);
    const off = n * per;
    if (scaling === "paper") {
      for (let i = 0; i < per; i++) data[off + i] = img[i] / 127.5 - 1;
    } else {
      for (let i = 0; i < per; i++) data[off + i] = (img[i] / 255 - MEAN[i % 3]) / STD[i % 3];
    }
  });
  return tf.tensor4d(data, [images.length, size, size, 3]);
}
