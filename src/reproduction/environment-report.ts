/** What notebook 00 shows: the backend, versions, hardware and profile a run of the kit uses. */
import { BackendInfo } from "../backend/index";
import { adapterSummary } from "../backend/webgpu/adapter";
import { Profile } from "../profiles";
import { Provenance } from "../provenance";
import { markdownCell } from "../report/tables/render-markdown";

export function markdownKeyValue(title: string, rows: [string, unknown][]): string {
  return [`| ${title} | |`, "|---|---|", ...rows.map(([k, v]) => `| ${markdownCell(String(k))} | ${markdownCell(String(v))} |`)].join("\n");
}

export function environmentMarkdown(backend: BackendInfo, profile: Profile, p: Provenance): string {
  const backendRows: [string, unknown][] = [
    ["chosen backend", `${backend.name} (tfjs '${backend.tfjsName}' ${backend.version})`],
    ["threads", backend.threads],
    ...(backend.adapter ? [["WebGPU adapter", adapterSummary(backend.adapter)] as [string, unknown]] : []),
    ...Object.entries(backend.skipped).map(([name, why]): [string, unknown] => [`skipped ${name}`, why]),
  ];
  const machineRows: [string, unknown][] = [
    ["CPU", `${p.machine.cpus} x ${p.machine.cpuModel}`],
    ["memory", `${p.machine.memoryGiB} GiB`],
    ["platform", `${p.machine.platform}/${p.machine.arch}`],
    ["kit commit", `${p.commit}${p.dirty ? " (with uncommitted changes)" : ""}`],
  ];
  const profileRows = Object.entries(profile) as [string, unknown][];
  return [
    markdownKeyValue("Backend", backendRows),
    markdownKeyValue("Machine", machineRows),
    markdownKeyValue("Library", Object.entries(p.versions)),
    markdownKeyValue(`Profile \`${profile.name}\``, profileRows),
  ].join("\n\n");
}
