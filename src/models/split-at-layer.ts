/**
 * A functional model cut in two at one layer's output: the trunk (input -> that output) and the tail
 * (that output -> logits) as LayersModels of their own. The tail re-applies the model's layer objects to
 * a fresh input, as the kit's head model does, so all three models read and train the same variables:
 * training the tail trains the model, and the model's checkpoints hold the result.
 */
import * as tf from "@tensorflow/tfjs";
import { producingNode } from "./graph-node";

type Sym = tf.SymbolicTensor;

export interface SplitModel {
  /** Input -> the cut layer's output. Shares the model's layers; the model owns them. */
  trunk: tf.LayersModel;
  /** The cut layer's output -> the model's output. */
  tail: tf.LayersModel;
  /** Releases the tail's share of the layers (the model still owns and frees them). */
  dispose(): void;
}

/** Splits `model` (one input, one output) after the layer named `layerName`. */
export function splitAtLayer(model: tf.LayersModel, layerName: string): SplitModel {
  if (model.inputs.length !== 1 || model.outputs.length !== 1) throw new Error("splitAtLayer: models with one input and one output only");
  const input = model.inputs[0];
  const cuts: Sym[] = [];
  const seen = new Set<number>();
  const find = (t: Sym) => {
    if (seen.has(t.id)) return;
    seen.add(t.id);
    if (t.sourceLayer.name === layerName) cuts.push(t);
    if (t !== input) producingNode(t).inputTensors.forEach(find);
  };
  find(model.outputs[0]);
  if (cuts.length !== 1) {
    throw new Error(cuts.length ? `splitAtLayer: layer '${layerName}' is applied ${cuts.length} times in ${model.name}` : `splitAtLayer: ${model.name} has no layer '${layerName}' on its path to the output`);
  }
  const cut = cuts[0];
  // Checked before any layer is applied again, so a refused split leaves the model's layers untouched.
  const behind = new Set<number>([cut.id]);
  const reachesInput = (t: Sym): boolean => {
    if (t === input) return true;
    if (behind.has(t.id)) return false;
    behind.add(t.id);
    return producingNode(t).inputTensors.some(reachesInput);
  };
  if (reachesInput(model.outputs[0])) {
    throw new Error(`splitAtLayer: '${layerName}' is not a cut point of ${model.name}: a path from the input to the output bypasses it (e.g. a skip connection)`);
  }
  const tailInput = tf.input({ name: `${model.name}.${layerName}.tail_input`, shape: cut.shape.slice(1) as number[] });
  const rebuilt = new Map<number, Sym>([[cut.id, tailInput]]);
  const rebuild = (t: Sym): Sym => {
    const known = rebuilt.get(t.id);
    if (known) return known;
    const node = producingNode(t);
    const args = node.inputTensors.map(rebuild);
    const out = t.sourceLayer.apply(args.length === 1 ? args[0] : args) as Sym | Sym[];
    const result = Array.isArray(out) ? out[node.outputTensors.indexOf(t)] : out;
    rebuilt.set(t.id, result);
    return result;
  };
  const tail = tf.model({ name: `${model.name}.tail`, inputs: tailInput, outputs: rebuild(model.outputs[0]) });
  const trunk = tf.model({ name: `${model.name}.trunk`, inputs: input, outputs: cut });
  return { trunk, tail, dispose: () => void tail.dispose() };
}
