/** Child process for webgpu-available.ts: starts webgpu the kit's way and prints why it cannot, if so. */
import { initBackend } from "../../src/backend/index";

initBackend({ backend: "webgpu", quiet: true }).then(
  (info) => process.stdout.write(JSON.stringify({ adapter: info.adapter }) + "\n"),
  (e: Error) => process.stdout.write(JSON.stringify({ reason: e.message }) + "\n"),
);
