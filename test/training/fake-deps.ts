/** Experiment dependencies with tiny models and in-memory data, for the run tests and their child processes. */
import type { ExperimentDeps } from "../../src/experiments/run";
import { MemorySource, tinyModel } from "./fakes";

/** `calls` records what was built; `dataDelayMs` keeps a run (and its lock) busy that long before training. */
export function fakeDeps(calls: string[], dataDelayMs = 0): ExperimentDeps<{ n: number; accuracy: number }> {
  return {
    async data() {
      calls.push("data");
      await new Promise((r) => setTimeout(r, dataDelayMs));
      return { train: new MemorySource(24, 3, 8, 21), val: new MemorySource(9, 3, 8, 22), test: new MemorySource(12, 3, 8, 23), description: { kind: "memory" } };
    },
    async model(spec, numClasses) {
      calls.push("model");
      const model = tinyModel({ classes: numClasses, seed: spec.modelOptions.seed + 1 });
      return { model, description: { name: "tiny" }, dispose: () => model.dispose() };
    },
    testMetrics: (p) => ({ n: p.labels.length, accuracy: p.predictions.filter((v, i) => v === p.labels[i]).length / p.labels.length }),
  };
}
