/**
 * `dala`: the kit's one command-line entry point. Each sub-command lives in its own module under
 * `src/cli/commands/` and is listed here.
 */
import { Command, UsageError, helpText, parseCommandArgs } from "./command";

const COMMANDS: Record<string, () => Command<any>> = {
  reproduce: () => require("./commands/reproduce").default,
  notebook: () => require("./commands/notebook").default,
  env: () => require("./commands/env").default,
  data: () => require("./commands/data").default,
  bench: () => require("./commands/bench").default,
  jupyter: () => require("./commands/jupyter").default,
  plan: () => require("./commands/plan").default,
  train: () => require("./commands/train").default,
  cam: () => require("./commands/cam").default,
  params: () => require("./commands/params").default,
  audit: () => require("./commands/audit").default,
};

function mainHelp(): string {
  const rows = Object.entries(COMMANDS).map(([name, load]) => `  ${name.padEnd(11)}${load().summary}`);
  return [
    "dala: reproduction kit for DALAResNet50 and DT Grad-CAM",
    "",
    "Usage: dala <command> [options]   (dala <command> --help for its options)",
    "",
    "Commands:",
    ...rows,
    "",
    "Environment: DALA_BACKEND=node-gpu|node|wasm|cpu forces a TensorFlow.js backend.",
  ].join("\n");
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    console.log(mainHelp());
    return name ? 0 : 2;
  }
  const load = COMMANDS[name];
  if (!load) {
    console.error(`dala: unknown command '${name}'. Commands: ${Object.keys(COMMANDS).join(", ")}`);
    return 2;
  }
  const command = load();
  try {
    const { values, positionals, extra } = parseCommandArgs(command, rest);
    if (values.help) {
      console.log(helpText(command));
      return 0;
    }
    const code = await command.run({ values, positionals, extra });
    return typeof code === "number" ? code : 0;
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(e.message);
      console.error(`Run 'dala ${name} --help' for usage.`);
      return 2;
    }
    console.error(`dala ${name}: ${(e as Error).message}`);
    if (process.env.DALA_DEBUG) console.error((e as Error).stack);
    return 1;
  }
}

/**
 * Runs the CLI with this process's arguments and exits with its code once the command is done. Exiting
 * explicitly matters: a browser for PNG export or a worker pool left open by a failing notebook cell
 * would otherwise keep the process alive after its work (and its error report) is finished.
 */
export function runCli(): void {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}

if (require.main === module) runCli();
