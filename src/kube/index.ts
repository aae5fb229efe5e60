// The kube client layer's public API: kubeconfig loading, the HTTP KubeClient,
// discovery, readiness and the two Backend targets.
export * from '../apimachinery/types.js';
export * from './client.js';
export type { Backend, Discovery, ResourceInfo, ServerVersion, ApplyOptions, DeleteObjectOptions, Readiness } from './backend.js';
export { loadKubeConfig, kubeconfigFiles } from './kubeconfig.js';
export type { KubeConfigOptions, ClusterConfig, TlsConfig, AuthConfig, ExecPluginConfig, ImpersonationConfig } from './kubeconfig.js';
export { restClient, resourcePath } from './rest-client.js';
export type { RestClient, RestClientOptions, RetryOptions, RawResponse } from './rest-client.js';
export { createDiscovery, AGGREGATED_ACCEPT } from './discovery.js';
export { judgeReadiness } from './readiness.js';
export { kubeBackend, localBackend, backendFor, FIELD_MANAGER } from './backend-impl.js';
export type { KubeBackendOptions, LocalBackendOptions } from './backend-impl.js';
