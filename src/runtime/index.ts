// The bundled control plane's public surface.
export { startRuntime, type Runtime, type RuntimeOptions } from './runtime.js';
export { inProcessClient, type InProcessClientOptions } from './apiserver/client.js';
export { Pipeline, type ApiRequest, type ApiResult, type PodLogProvider, type RequestParams } from './apiserver/pipeline.js';
export { openStore, createStore, memoryDriver, sqliteDriver, StoreError } from './store/index.js';
export type { ObjectStore, StoreKey, StoredObject, StoreEvent, LogDriver } from './store/index.js';
export { defaultComponents, type RuntimeComponent, type ComponentContext } from './components.js';
