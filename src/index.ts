// skiff's library API. Layers export their public pieces here as they land.
export * from './errors.js';
export { versionInfo } from './action/version.js';
export { loadKubeConfig, restClient, createDiscovery, kubeBackend, judgeReadiness } from './kube/index.js';
// The local target with the bundled cluster's start-up wired in (the kube layer's localBackend takes it injected).
export { clusterBackend as localBackend } from './cluster/backend.js';
export type { Backend, KubeClient, KubeObject, ClusterConfig, KubeConfigOptions, RestClient, RestClientOptions } from './kube/index.js';
export { loadChart, loadChartArchive, packageChart, createChart } from './chart/index.js';
export type { Chart, ChartMetadata, Values } from './chart/types.js';
export { mergeValueOptions, prepareChartValues, coalesceValues, parseSet } from './values/index.js';
export type { ValueOptions } from './values/index.js';
export { renderChart, sortManifests, formatManifests } from './render/index.js';
export { renderRelease } from './action/render-release.js';
export { template } from './action/template.js';
export { lint } from './action/lint.js';
export { startRuntime, inProcessClient } from './runtime/index.js';
export type { Runtime, RuntimeOptions } from './runtime/index.js';
export { ensureClusterRunning, startCluster, stopCluster, clusterStatus } from './cluster/process.js';
export { runtimeProcessTls } from './tls-trust.js';
