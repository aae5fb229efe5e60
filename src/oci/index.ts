// The OCI chart artefact format and registry client, shared by the client
// commands and `skiff repo serve`.
export * from './media.js';
export * from './reference.js';
export * from './manifest.js';
export * from './versions.js';
