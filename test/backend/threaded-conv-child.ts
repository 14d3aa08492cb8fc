/**
 * Child process for threads.test.ts: starts the wasm backend the kit's way (threads from
 * DALA_WASM_THREADS) and prints the thread count and the raw bytes of one convolution. It must exit
 * by itself once done: the pthread workers may not keep it alive.
 */
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../src/backend/index";
import { createRng } from "../../src/random";

async function main(): Promise<void> {
  const info = await initBackend({ backend: "wasm", quiet: true });
  const rng = createRng(7);
  const x = tf.tensor4d(Float32Array.from({ length: 2 * 20 * 20 * 16 }, () => rng.normal()), [2, 20, 20, 16]);
  const w = tf.tensor4d(Float32Array.from({ length: 3 * 3 * 16 * 32 }, () => rng.normal()), [3, 3, 16, 32]);
  const y = tf.conv2d(x, w, 1, "same");
  const bytes = Buffer.from((await y.data()).buffer).toString("base64");
  process.stdout.write(JSON.stringify({ threads: info.threads, notes: info.notes ?? [], bytes }) + "\n");
}

main();
