/**
 * The dimensions and edge cases of the CAM reference set, read from the set itself (model.json,
 * forward.json, cams.json, dt_gradcam.json), so that the conformance tests run unchanged on any set
 * that test/fixtures/cam/make_pytorch_grad_cam.py makes.
 */
import { camFixtures } from "./fixture-arrays";

export interface CamFixtureShape {
  /** Images in the batch (N). */
  images: number;
  /** Input channels. */
  channels: number;
  /** Input height = width. */
  size: number;
  classes: number;
  /** Channels of the CAM target layer (K). */
  featureChannels: number;
  /** Height = width of the CAM target layer. */
  mapSize: number;
  /** DT Grad-CAM: noisy copies per image and their (absolute) sigma. */
  dtSamples: number;
  dtSigma: number;
  /** Images whose reference Grad-CAM map for the edge targets is all zero (weighted sum <= 0 everywhere). */
  zeroEdgeGradCam: number[];
  /** Images whose reference Eigen-CAM projection has its largest-magnitude value negative: the kit's default sign rule gives EigenCAM_flipped_sign there. */
  eigenFlipped: number[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function camFixtureShape(): CamFixtureShape {
  const model = camFixtures.model();
  const forward = camFixtures.forward();
  const cams = camFixtures.cams();
  const dt = camFixtures.dt();
  const [images, channels, height, width] = model.input_shape_NCHW as number[];
  const [, featureChannels, mapHeight, mapWidth] = model.target_layer_shape_NCHW as number[];
  const pairs: [string, unknown, unknown][] = [
    ["forward.json input", forward.arrays.input.shape, model.input_shape_NCHW],
    ["forward.json activations", forward.arrays.target_layer_activations.shape, model.target_layer_shape_NCHW],
    ["forward.json logits", forward.arrays.logits.shape, [images, model.num_classes]],
    ["cams.json input_hw", cams.input_hw, [height, width]],
    ["cams.json target_layer_hw", cams.target_layer_hw, [mapHeight, mapWidth]],
  ];
  for (const [what, a, b] of pairs) if (!same(a, b)) throw new Error(`CAM fixture set: ${what} ${JSON.stringify(a)} disagrees with model.json ${JSON.stringify(b)}`);
  if (height !== width || mapHeight !== mapWidth) throw new Error(`CAM fixture set: ${height}x${width} input, ${mapHeight}x${mapWidth} map; the kit's models take square inputs`);

  const perImage = (data: number[], i: number) => data.slice((i * data.length) / images, ((i + 1) * data.length) / images);
  const all = Array.from({ length: images }, (_, i) => i);
  const edgeMaps: number[] = cams.runs.edge_targets.methods.GradCAM.arrays.grayscale_cam.data;
  const eigenRaw: number[] = cams.runs.fixed_targets.methods.EigenCAM.arrays.cam_raw.data;
  const largest = (xs: number[]) => xs.reduce((m, v) => (Math.abs(v) > Math.abs(m) ? v : m), 0);
  return {
    images,
    channels,
    size: height,
    classes: model.num_classes,
    featureChannels,
    mapSize: mapHeight,
    dtSamples: dt.n_samples,
    dtSigma: dt.sigma,
    zeroEdgeGradCam: all.filter((i) => perImage(edgeMaps, i).every((v) => v === 0)),
    eigenFlipped: all.filter((i) => largest(perImage(eigenRaw, i)) < 0),
  };
}
