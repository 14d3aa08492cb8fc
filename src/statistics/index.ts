export { normalCdf, normalQuantile, studentTCdf, studentTQuantile, binomialCdf, regularizedBeta, logGamma, erfc } from "./distributions";
export { mcnemarExact, mcnemarPValue, type McNemarResult } from "./mcnemar";
export { delongTest, midranks, type DeLongResult } from "./delong";
export { holmAdjust } from "./holm";
export { pairedBootstrap, bootstrapPValue, type PairedBootstrapResult } from "./paired-bootstrap";
export { acrossSeeds, tTestPValue, type AcrossSeeds } from "./across-seeds";
export { checkSameImages } from "./paired-input";
export { welchTest, type WelchResult } from "./welch";
