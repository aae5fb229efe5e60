// The YAML library loaded on demand by the CLI's paths that rarely need it.
// A dynamic import of it answers differently by build: the split bundle gives
// the CommonJS exports as `default` only, the list fast path's own file
// (scripts/build.mjs) and plain Node give them as named exports too.

type Yaml = typeof import('yaml');

/** The YAML library, however the current build hands it over. */
export async function loadYaml(): Promise<Yaml> {
  const m = (await import('yaml')) as Yaml & { default?: Yaml };
  return typeof m.parse === 'function' ? m : m.default!;
}
