/** Child process for the shared-cache test: fetches MODEL's weights from URL into DIR, prints the result as JSON. */
import { fetchWeights } from "../../src/weights/fetch";

const [model, dir, url] = process.argv.slice(2);
fetchWeights(model, { dir, url })
  .then((r) => process.stdout.write(JSON.stringify({ pid: process.pid, cached: r.cached, sha256: r.sha256 }) + "\n"))
  .catch((e) => {
    console.error(e);
    process.exit(1);
  });
