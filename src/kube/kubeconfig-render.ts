// The one kubeconfig writer: a single cluster, context and user, as the
// bundled cluster hands them out (the admin kubeconfig with a bearer token,
// a user's with a client certificate). Names are JSON-quoted, which YAML reads
// as plain strings, so a user name like "ci@skiff" needs no YAML escaping.

/** How the kubeconfig's user authenticates. */
export type KubeconfigCredentials = { readonly token: string } | { readonly certPem: string; readonly keyPem: string };

export interface KubeconfigSpec {
  readonly clusterName: string;
  /** https://HOST:PORT */
  readonly url: string;
  readonly caPem: string;
  /** Name of the context (also current-context). */
  readonly contextName: string;
  /** Name of the user entry. */
  readonly userName: string;
  readonly credentials: KubeconfigCredentials;
  /** The context's namespace (default "default"). */
  readonly namespace?: string;
}

const b64 = (s: string) => Buffer.from(s).toString('base64');
const q = (s: string) => JSON.stringify(s);

/** Renders the kubeconfig YAML for `spec`. */
export function renderKubeconfig(spec: KubeconfigSpec): string {
  const cred = spec.credentials;
  const user = 'token' in cred ? [`    token: ${cred.token}`] : [`    client-certificate-data: ${b64(cred.certPem)}`, `    client-key-data: ${b64(cred.keyPem)}`];
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    `- name: ${q(spec.clusterName)}`,
    '  cluster:',
    `    server: ${spec.url}`,
    `    certificate-authority-data: ${b64(spec.caPem)}`,
    'contexts:',
    `- name: ${q(spec.contextName)}`,
    '  context:',
    `    cluster: ${q(spec.clusterName)}`,
    `    user: ${q(spec.userName)}`,
    `    namespace: ${q(spec.namespace ?? 'default')}`,
    `current-context: ${q(spec.contextName)}`,
    'preferences: {}',
    'users:',
    `- name: ${q(spec.userName)}`,
    '  user:',
    ...user,
    '',
  ].join('\n');
}
