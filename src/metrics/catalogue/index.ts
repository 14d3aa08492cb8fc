export { type TestPredictions, type Sample, sampleOf, sameTestSet } from "./predictions";
export { METRICS, METRIC_NAMES, POSITIVE_CLASS, type MetricName, type MetricDefinition, metricLabel, metricValue, computeMetric, allMetrics } from "./catalogue";
export { metricCi, metricDifferenceCi, type CiOptions } from "./intervals";
