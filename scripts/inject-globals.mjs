// Injected into every bundle by scripts/build.mjs: references to the globals
// `Buffer` and `process` in skiff's own code become imports of node:buffer's
// and node:process's (the same objects). The render process deletes these
// globals before it reads a chart (src/render/lockdown.ts), where template
// code cannot name a module's imports, so skiff's code keeps working there.
// process is taken with require, not an ESM import: Node builds an ESM
// module of a built-in by reading every property, and process's
// allowedNodeEnvironmentFlags getter then parses all of Node's options
// (~4 ms of every command's start).
import { createRequire } from 'node:module';

export { Buffer } from 'node:buffer';
// Any absolute path does for the require of a built-in (the CommonJS bundles have no import.meta).
export const process = createRequire('/')('node:process');
