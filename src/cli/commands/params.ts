import { defineCommand } from "../command";
import { initBackend } from "../../backend/index";
import { parameterAudit, type AuditRow } from "../../reproduction/param-audit";
import { provenance } from "../../provenance";

const fmt = (n: number | undefined) => (n === undefined ? "-" : n.toLocaleString("en-US"));
const signed = (n: number | undefined) => (n === undefined ? "-" : (n > 0 ? "+" : "") + n.toLocaleString("en-US"));

function label(r: AuditRow): string {
  const o = r.options;
  return r.kitModel + (o.attentionAfter ? ` @layer${o.attentionAfter} r=${o.reduction}` : "");
}

export default defineCommand({
  name: "params",
  summary: "parameter audit: the kit's counts for every model beside the paper's Tables 9-10",
  details: `
Builds every model for 2 (BreakHis), 4 (BACH) and 3 (Mini-DDSM) classes with zero-filled weights and
counts parameters: 'trainable' as PyTorch's parameters() counts them, 'total' also with batch-norm
running statistics (Keras counting, used for VGG16Inception). Each difference carries its reason.`,
  options: {
    json: { type: "boolean", description: "print JSON (rows + provenance)" },
    backend: { type: "string", value: "NAME", description: "force a backend (counting does not depend on it)" },
  },
  async run({ values }) {
    await initBackend({ backend: values.backend ?? "cpu", quiet: true });
    const rows = parameterAudit();
    if (values.json) {
      console.log(JSON.stringify({ provenance: provenance(), rows }, null, 2));
      return;
    }
    const header = ["paper model", "kit model", "data set", "kit trainable", "kit total", "paper", "kit - paper", "status"];
    const table = rows.map((r) => [
      r.paperModel,
      label(r),
      r.dataset,
      fmt(r.kit.trainable),
      fmt(r.kit.total),
      fmt(r.paper?.count),
      signed(r.difference) + (r.compared === "total" && r.difference !== undefined ? " (total)" : ""),
      r.status,
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
    const line = (cells: string[]) => cells.map((c, i) => (i >= 3 && i <= 6 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ");
    console.log(line(header));
    rows.forEach((r, i) => {
      console.log(line(table[i]));
      if (r.reason) console.log(`    ${r.reason}`);
    });
    const exact = rows.filter((r) => r.status === "exact").length;
    const compared = rows.filter((r) => r.paper).length;
    console.log(`\n${exact} of ${compared} paper counts reproduced exactly; sources: ${[...new Set(rows.flatMap((r) => (r.paper ? [r.paper.source.split(",")[0]] : [])))].join(", ")}`);
  },
});
