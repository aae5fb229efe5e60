// The OCI chart artefact format and registry client, shared by the client
// commands and `skiff repo serve`.
export * from './media.js';
export * from './reference.js';
export * from './manifest.js';
export * from './image-index.js';
export * from './versions.js';
export * from './challenge.js';
export * from './transport.js';
export * from './registry-client.js';
export * from './credentials.js';
export * from './cache.js';
export * from './chart-pull.js';
export * from './chart-push.js';
