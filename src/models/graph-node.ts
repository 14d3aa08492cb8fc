/**
 * The node of a functional model's graph that produced a symbolic tensor: its inputs and outputs.
 * tfjs-layers keeps these on the layer (`inboundNodes`) without a public accessor; the kit's graph
 * walks (batch-norm folding, model splitting) read them through this one function.
 */
import type * as tf from "@tensorflow/tfjs";

export interface GraphNode {
  inputTensors: tf.SymbolicTensor[];
  outputTensors: tf.SymbolicTensor[];
}

export function producingNode(t: tf.SymbolicTensor): GraphNode {
  return (t.sourceLayer as unknown as { inboundNodes: GraphNode[] }).inboundNodes[t.nodeIndex];
}
