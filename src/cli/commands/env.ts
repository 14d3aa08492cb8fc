import { defineCommand } from "../command";
import { initBackend } from "../../backend/index";
import { provenance } from "../../provenance";
import { adapterSummary } from "../../backend/webgpu/adapter";

export default defineCommand({
  name: "env",
  summary: "show the backend that would be used, library versions and the machine",
  options: {
    backend: { type: "string", value: "NAME", description: "force a backend: node-gpu, node, webgpu, wasm, cpu" },
    json: { type: "boolean", description: "print JSON" },
  },
  async run({ values }) {
    const info = await initBackend({ backend: values.backend, quiet: true });
    const p = provenance();
    if (values.json) {
      console.log(JSON.stringify({ ...p, backend: info }, null, 2));
      return;
    }
    console.log(`backend   ${info.name} (${info.tfjsName} ${info.version}), ${info.threads} thread(s)`);
    if (info.adapter) console.log(`adapter   ${adapterSummary(info.adapter)}`);
    for (const [name, why] of Object.entries(info.skipped)) console.log(`  skipped ${name}: ${why}`);
    console.log(`commit    ${p.commit}${p.dirty ? " (uncommitted changes)" : ""}`);
    console.log(`machine   ${p.machine.cpus} x ${p.machine.cpuModel}, ${p.machine.memoryGiB} GiB, ${p.machine.platform}/${p.machine.arch}`);
    for (const [k, v] of Object.entries(p.versions)) console.log(`${k.padEnd(32)}${v}`);
  },
});
