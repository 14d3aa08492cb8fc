import * as path from "node:path";
import { defineCommand, UsageError } from "../command";
import { installKernelSpec, KERNEL_NAME } from "../../notebook/kernelspec";

export default defineCommand({
  name: "jupyter",
  summary: "register the kit's tslab kernel with Jupyter (dala jupyter install)",
  positionals: "install",
  details: `Writes a kernelspec named '${KERNEL_NAME}' that starts tslab from the repository root, so the
notebooks' './src/...' imports resolve. Without --prefix it goes to ~/.local/share/jupyter/kernels.
With --prefix DIR, point Jupyter at it: JUPYTER_PATH=DIR/share/jupyter jupyter lab notebooks/`,
  options: {
    prefix: { type: "string", value: "DIR", description: "install under DIR/share/jupyter/kernels" },
  },
  async run({ values, positionals }) {
    if (positionals[0] !== "install" || positionals.length !== 1) throw new UsageError("dala jupyter: the only action is 'install'");
    const dir = installKernelSpec(values.prefix ? path.resolve(values.prefix) : undefined);
    console.log(`installed kernel '${KERNEL_NAME}' in ${dir}`);
  },
});
