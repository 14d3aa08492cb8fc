import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { UsageError, defineCommand } from "../command";
import { BACKEND_NAMES, BackendInfo, initBackend } from "../../backend/index";
import { provenance } from "../../provenance";
import { isModelName } from "../../models/registry";
import { runSuite } from "../../bench/suite";
import { runTorchReference, torchUnavailable } from "../../bench/torch-reference";
import { adapterNotes, formatTable, hardwareGpuBackends, pytorchRatios, targetChecks } from "../../bench/report";
import type { BenchRecord, SkippedWorkload } from "../../bench/workload";

const REPO_ROOT = path.resolve(__dirname, "..", "..", "..");

interface WorkerResult {
  backend: BackendInfo;
  records: BenchRecord[];
  skipped: SkippedWorkload[];
}

function parseList(value: string, option: string): string[] {
  const items = value.split(",").map((s) => s.trim()).filter(Boolean);
  if (!items.length) throw new UsageError(`dala bench: --${option} is empty`);
  return items;
}

function parseSizes(value: string): number[] {
  return parseList(value, "size").map((s) => {
    const n = Number(s);
    if (!Number.isInteger(n) || n < 32) throw new UsageError(`dala bench: --size takes integers >= 32, got '${s}'`);
    return n;
  });
}

/** Backends whose packages are installed (wasm and cpu always are); a native one or webgpu may still fail to start. */
function presentBackends(): string[] {
  const installed = (pkg: string) => {
    try {
      require.resolve(pkg);
      return true;
    } catch {
      return false;
    }
  };
  return BACKEND_NAMES.filter(
    (b) =>
      b === "node-gpu" ? installed("@tensorflow/tfjs-node-gpu") : b === "node" ? installed("tfjs-node-native") : b === "webgpu" ? installed("webgpu") : true,
  );
}

/** Runs the suite for one backend in a fresh process (tfjs picks a backend once per process). */
function runWorker(backend: string, args: string[]): WorkerResult | string {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "dala-bench-")), "result.json");
  const child = spawnSync(process.execPath, [path.join(REPO_ROOT, "bin", "dala.cjs"), "bench", "--worker", "--backend", backend, "--out", out, ...args], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  try {
    if (child.status !== 0) return `worker for '${backend}' exited with ${child.status ?? child.signal}`;
    return JSON.parse(fs.readFileSync(out, "utf8")) as WorkerResult;
  } finally {
    fs.rmSync(path.dirname(out), { recursive: true, force: true });
  }
}

export default defineCommand({
  name: "bench",
  summary: "images/s of ResNet50/DALAResNet50 forward and training, CAMs and the data pipeline, per backend, vs PyTorch",
  details: `
Measures on every backend present (one process each): forward and training step (Adam) of each model
at each size, the frozen-trunk tail's training step (dala train --frozen-trunk, after its one-off feature
extraction), DT Grad-CAM (N = 8) and Score-CAM (top channels) per image, and the data pipeline.
When /usr/bin/python3 has PyTorch, torchvision's ResNet50 is measured in the same invocation with the
same batch sizes, and the ratios are printed. Numbers are medians of timed runs after a warm-up; the
machine's other load shows up in them, so compare ratios within one run.
webgpu is measured by default only on a GPU; --backend webgpu measures it on whatever adapter Dawn finds,
and the report says when that was a software one (llvmpipe), whose numbers mean nothing for GPU speed.
On a GPU the training step runs at the paper's batch of 32 and the GPU targets are checked against wasm.`,
  options: {
    json: { type: "boolean", description: "print the results as JSON (with provenance)" },
    backend: { type: "string", value: "LIST", description: "comma-separated backends (default: every one installed)" },
    size: { type: "string", value: "PX,...", default: "224,112", description: "input sizes" },
    models: { type: "string", value: "LIST", default: "resnet50,dala_resnet50", description: "registry models" },
    quick: { type: "boolean", description: "one run per workload, small batches (a smoke test, not a measurement)" },
    "skip-torch": { type: "boolean", description: "do not run the PyTorch reference" },
    out: { type: "string", value: "FILE", description: "also write the JSON results to FILE" },
    worker: { type: "boolean", description: "internal: run the suite on --backend in this process and write --out" },
    "gpu-only": { type: "boolean", description: "internal, with --worker: skip the suite when webgpu finds only a software adapter" },
  },
  async run({ values }) {
    const sizes = parseSizes(values.size ?? "224,112");
    const models = parseList(values.models ?? "resnet50,dala_resnet50", "models").map((m) => {
      if (!isModelName(m)) throw new UsageError(`dala bench: unknown model '${m}' in --models`);
      return m;
    });
    const quick = Boolean(values.quick);

    if (values.worker) {
      if (!values.backend || !values.out) throw new UsageError("dala bench --worker needs --backend and --out");
      const backend = await initBackend({ backend: values.backend });
      if (values["gpu-only"] && backend.adapter?.software) {
        const reason = `only a software adapter (${backend.adapter.device || backend.adapter.description}), slower than wasm; dala bench --backend webgpu runs it anyway`;
        fs.writeFileSync(values.out, JSON.stringify({ backend, records: [], skipped: [{ backend: backend.name, kind: "forward", reason }] }));
        return 0;
      }
      const { records, skipped } = await runSuite(backend, { sizes, models, quick }, (line) => console.error(`[bench] ${line}`));
      fs.writeFileSync(values.out, JSON.stringify({ backend, records, skipped }));
      return 0;
    }

    const backends = values.backend ? parseList(values.backend, "backend") : presentBackends();
    for (const b of backends) if (!(BACKEND_NAMES as readonly string[]).includes(b)) throw new UsageError(`dala bench: unknown backend '${b}'`);
    const passOn = ["--size", sizes.join(","), "--models", models.join(","), ...(quick ? ["--quick"] : [])];
    const records: BenchRecord[] = [];
    const skipped: SkippedWorkload[] = [];
    const backendInfos: BackendInfo[] = [];
    for (const b of backends) {
      // Asked for by name, webgpu runs on whatever adapter Dawn finds; reached by default, only on a GPU.
      const result = runWorker(b, b === "webgpu" && !values.backend ? [...passOn, "--gpu-only"] : passOn);
      if (typeof result === "string") {
        skipped.push({ backend: b, kind: "forward", reason: result });
        continue;
      }
      backendInfos.push(result.backend);
      records.push(...result.records);
      skipped.push(...result.skipped);
    }
    let pytorch: { torch: string; torchvision: string } | null = null;
    const torchMissing = values["skip-torch"] ? "--skip-torch given" : torchUnavailable();
    if (torchMissing) {
      console.error(`[bench] PyTorch reference skipped: ${torchMissing}`);
    } else {
      console.error("[bench] PyTorch reference (torchvision resnet50)...");
      const ref = runTorchReference(sizes, quick, os.cpus().length);
      pytorch = ref.versions;
      records.push(...ref.records);
    }
    const ratios = pytorchRatios(records);
    const ran = backendInfos.filter((b) => records.some((r) => r.backend === b.name));
    const checks = targetChecks(records, ratios, hardwareGpuBackends(ran));
    const notes = adapterNotes(ran);
    const result = {
      provenance: provenance({ config: { sizes, models, quick, backends } }),
      backends: backendInfos,
      pytorch,
      pytorchSkipped: torchMissing ?? null,
      records,
      skipped,
      ratios,
      targets: checks,
      notes,
    };
    if (values.out) fs.writeFileSync(values.out, JSON.stringify(result, null, 2) + "\n");
    if (values.json) {
      console.log(JSON.stringify(result, null, 2));
    } else {
      console.log(formatTable(records, ratios, checks));
      for (const n of notes) console.log(`note: ${n}`);
      for (const s of skipped) console.log(`skipped: ${s.backend} ${s.kind}${s.model ? " " + s.model : ""}: ${s.reason}`);
    }
    return 0;
  },
});
