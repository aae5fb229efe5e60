// Builds release records for storage tests.
import type { Release, ReleaseStatus } from '../../src/release/types.js';

export function makeRelease(name: string, version: number, status: ReleaseStatus, over: Partial<Release> = {}): Release {
  const t = new Date(Date.UTC(2026, 0, 1, 0, 0, version)).toISOString();
  return {
    name,
    namespace: 'default',
    version,
    info: { first_deployed: t, last_deployed: t, deleted: '', description: `rev ${version}`, status },
    chart: {
      metadata: { apiVersion: 'v2', name: 'demo', version: '1.0.0', appVersion: '2.0' },
      lock: null,
      templates: [{ name: 'templates/cm.yaml', data: Buffer.from('kind: ConfigMap').toString('base64') }],
      values: { replicas: 1 },
      schema: null,
      files: [],
    },
    config: { replicas: version },
    manifest: `---\n# Source: demo/templates/cm.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`,
    hooks: [],
    ...over,
  };
}

/** The error `p` rejects with; throws when it resolves instead. */
export async function rejection<E extends Error = Error>(p: Promise<unknown>): Promise<E> {
  try {
    await p;
  } catch (e) {
    return e as E;
  }
  throw new Error('expected a rejection');
}

/** Asserts that `fn` rejects with a message matching `re`; returns the error. */
export async function rejects(fn: () => Promise<unknown>, re: RegExp): Promise<Error> {
  try {
    await fn();
  } catch (err) {
    const msg = (err as Error).message;
    if (!re.test(msg)) throw new Error(`expected rejection matching ${re}, got: ${msg}`);
    return err as Error;
  }
  throw new Error(`expected rejection matching ${re}, but it resolved`);
}
