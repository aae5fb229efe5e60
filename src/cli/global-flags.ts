import type { Argv } from 'yargs';

/** Flags every command accepts (Helm's global flags, same names). */
export interface GlobalArgs {
  namespace?: string;
  kubeconfig?: string;
  'kube-context'?: string;
  'kube-token'?: string;
  'kube-apiserver'?: string;
  'kube-ca-file'?: string;
  'kube-insecure-skip-tls-verify'?: boolean;
  debug?: boolean;
}

export function addGlobalFlags<T>(y: Argv<T>): Argv<T & GlobalArgs> {
  return y
    .option('namespace', { alias: 'n', type: 'string', describe: 'namespace scope for this request', global: true })
    .option('kubeconfig', { type: 'string', describe: 'path to the kubeconfig file (selects the kube backend)', global: true })
    .option('kube-context', { type: 'string', describe: 'name of the kubeconfig context to use', global: true })
    .option('kube-token', { type: 'string', describe: 'bearer token used for authentication', global: true })
    .option('kube-apiserver', { type: 'string', describe: 'the address and the port for the Kubernetes API server', global: true })
    .option('kube-ca-file', { type: 'string', describe: 'the certificate authority file for the API server connection', global: true })
    .option('kube-insecure-skip-tls-verify', { type: 'boolean', describe: "don't verify the API server's certificate", global: true })
    .option('debug', { type: 'boolean', describe: 'enable verbose output (stack traces on errors)', global: true }) as Argv<T & GlobalArgs>;
}
