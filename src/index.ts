// skiff's library API. Layers export their public pieces here as they land.
export * from './errors.js';
export { versionInfo } from './action/version.js';
export { loadKubeConfig, restClient, createDiscovery, kubeBackend, localBackend, judgeReadiness } from './kube/index.js';
export type { Backend, KubeClient, KubeObject, ClusterConfig, KubeConfigOptions, RestClient, RestClientOptions } from './kube/index.js';
