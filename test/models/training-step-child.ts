/** Child process for webgpu.test.ts: one training step's gradients on the backend named in argv, as JSON. */
import { initBackend } from "../../src/backend/index";
import { trainingStepGradients } from "./training-step";

async function main(): Promise<void> {
  await initBackend({ backend: process.argv[2], quiet: true });
  const r = await trainingStepGradients();
  const gradients = r.gradients.map((g) => Buffer.from(g.buffer, g.byteOffset, g.byteLength).toString("base64"));
  process.stdout.write(JSON.stringify({ ...r, gradients }) + "\n");
}

main();
