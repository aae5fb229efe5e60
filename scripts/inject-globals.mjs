// Injected into every bundle by scripts/build.mjs: references to the globals
// `Buffer` and `process` in skiff's own code become imports of node:buffer's
// and node:process's (the same objects). The render process deletes these
// globals before it reads a chart (src/render/lockdown.ts), where template
// code cannot name a module's imports, so skiff's code keeps working there.
export { Buffer } from 'node:buffer';
export { default as process } from 'node:process';
