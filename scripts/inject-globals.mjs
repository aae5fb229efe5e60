// Injected into every bundle by scripts/build.mjs: a reference to the global
// `Buffer` in skiff's own code becomes an import of node:buffer's (the same
// object). The render process removes the global before it reads a chart
// (src/render/lockdown.ts), so its code must not depend on it.
export { Buffer } from 'node:buffer';
