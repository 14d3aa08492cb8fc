import * as path from "node:path";
import { defineCommand, UsageError } from "../command";
import { DEFAULT_PROFILE, PROFILE_NAMES, getProfile, seedsOf, type ProfileName } from "../../profiles";
import { REPO_ROOT, profileResultsDir } from "../../paths";
import { gridEntries, type GridEntry } from "../../experiments/grid";
import { commandLine, shellQuote } from "../../experiments/command-line";
import { isDone } from "../../experiments/run-dir";
import { SPLIT_KINDS, type SplitKind } from "../../experiments/spec";

export default defineCommand({
  name: "plan",
  summary: "print a profile's experiment grid as one self-contained `dala train` command per line",
  details: `
Each line trains one experiment into <results>/runs/<key>/ and can run on any machine that sees the same
results directory: feed the lines to GNU parallel (\`dala plan --profile paper | parallel -j 2\`), a Slurm
job array (\`sed -n "\${SLURM_ARRAY_TASK_ID}p" plan.txt | bash\`) or any batch scheduler. Every line has
--resume, so re-running a line after a crash continues it and re-running a finished one does nothing.
Counts go to stderr, commands to stdout.`,
  options: {
    profile: { type: "string", value: "NAME", description: `profile: ${PROFILE_NAMES.join(", ")}`, default: DEFAULT_PROFILE },
    split: { type: "string", value: "KIND", description: `only this split kind: ${SPLIT_KINDS.join(", ")}` },
    group: { type: "string", value: "NAME", description: "only baseline (Tables 7-12), ablation (Table 2) or cam (the model notebook 06 explains) runs" },
    results: { type: "string", value: "DIR", description: "results directory written into every command (default: DALA_RESULTS, else ./results, and results/study/ for the study profile)" },
    pending: { type: "boolean", description: "leave out runs already finished in the results directory" },
    runner: { type: "string", value: "CMD", description: "how to invoke the kit on the workers (default: node <this checkout>/bin/dala.cjs)" },
    json: { type: "boolean", description: "print one JSON object per line (key, group, request, command)" },
    seeds: { type: "string", value: "N,N,...", description: "training seeds (default: the profile's, or DALA_SEEDS); one run per seed" },
  },
  async run({ values }) {
    const profile = values.profile as string;
    if (!(PROFILE_NAMES as readonly string[]).includes(profile)) throw new UsageError(`dala plan: unknown profile '${profile}': choose one of ${PROFILE_NAMES.join(", ")}`);
    if (values.split && !(SPLIT_KINDS as readonly string[]).includes(values.split)) throw new UsageError(`dala plan: --split must be one of ${SPLIT_KINDS.join(", ")}`);
    if (values.group && !["baseline", "ablation", "cam"].includes(values.group)) throw new UsageError("dala plan: --group must be baseline, ablation or cam");
    if (values.seeds !== undefined) {
      seedsOf(getProfile(profile), { DALA_SEEDS: values.seeds }); // a bad list fails here, naming it
      process.env.DALA_SEEDS = values.seeds;
    }
    const results = path.resolve(values.results ?? profileResultsDir(profile));
    const runner = values.runner ?? `node ${shellQuote(path.join(REPO_ROOT, "bin", "dala.cjs"))}`;
    let entries = gridEntries(profile as ProfileName, { split: values.split as SplitKind | undefined, group: values.group as GridEntry["group"] | undefined });
    const total = entries.length;
    if (values.pending) entries = entries.filter((e) => !isDone(results, e.key));
    for (const e of entries) {
      const command = commandLine(runner, e.request, { results });
      console.log(values.json ? JSON.stringify({ key: e.key, group: e.group, request: e.request, command }) : command);
    }
    const groups = (g: GridEntry["group"]) => entries.filter((e) => e.group === g).length;
    console.error(
      `[dala plan] profile ${profile}: ${entries.length} run(s) (${groups("baseline")} baseline, ${groups("ablation")} ablation, ${groups("cam")} cam)` +
        (values.pending ? `, ${total - entries.length} of ${total} already finished in ${results}` : ""),
    );
  },
});
