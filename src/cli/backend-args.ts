// Turns the global flags into a Backend. The kube target is chosen by
// --kubeconfig, --kube-context, --kube-apiserver or SKIFF_BACKEND=kube; a
// KUBECONFIG variable alone does NOT leave the embedded default, so a user
// whose shell points at a production cluster does not reach it by accident.
import { UsageError } from '../errors.js';
import type { Backend } from '../kube/backend.js';
import type { KubeConfigOptions } from '../kube/kubeconfig.js';
import { skiffHomeFromEnv } from './environment.js';
import type { GlobalArgs } from './global-flags.js';

export interface BackendArgs extends GlobalArgs {
  /** SKIFF_HOME override (tests); defaults to $SKIFF_HOME, else ~/.skiff. */
  readonly home?: string;
}

/** Which target the flags and environment select; throws UsageError for an unknown SKIFF_BACKEND. */
export function backendTarget(args: BackendArgs, env: Readonly<Record<string, string | undefined>> = process.env): 'local' | 'kube' {
  const fromEnv = env.SKIFF_BACKEND?.trim().toLowerCase();
  if (fromEnv && fromEnv !== 'kube' && fromEnv !== 'local') {
    throw new UsageError(`SKIFF_BACKEND must be "local" or "kube", not "${env.SKIFF_BACKEND}"`);
  }
  if (args.kubeconfig || args['kube-context'] || args['kube-apiserver'] || fromEnv === 'kube') return 'kube';
  return 'local';
}

/** The skiff home directory: the flag, else $SKIFF_HOME, else ~/.skiff. */
export function skiffHome(args: BackendArgs, env: Readonly<Record<string, string | undefined>> = process.env): string {
  return skiffHomeFromEnv(args.home, env);
}

/** The kubeconfig and Helm's --kube-* overrides the kube target reads. */
export function kubeConfigOptions(args: BackendArgs, env: Readonly<Record<string, string | undefined>> = process.env): KubeConfigOptions {
  return {
    kubeconfig: args.kubeconfig,
    context: args['kube-context'],
    token: args['kube-token'],
    apiServer: args['kube-apiserver'],
    caFile: args['kube-ca-file'],
    insecureSkipTLSVerify: args['kube-insecure-skip-tls-verify'],
    namespace: args.namespace,
    env,
  };
}

/** Builds the Backend the command line asks for (local by default); the kube target applies Helm's --kube-* overrides. */
export async function backendFromArgs(args: BackendArgs, env: Readonly<Record<string, string | undefined>> = process.env): Promise<Backend> {
  if (backendTarget(args, env) === 'kube') {
    const { kubeBackend } = await import('../kube/backend-impl.js');
    return kubeBackend(kubeConfigOptions(args, env));
  }
  const { clusterBackend } = await import('../cluster/backend.js');
  return clusterBackend({ home: skiffHome(args, env), namespace: args.namespace });
}
