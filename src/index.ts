// skiff's library API. Layers export their public pieces here as they land.
export * from './errors.js';
export { versionInfo } from './action/version.js';
