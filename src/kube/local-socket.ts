// skiff's own connection to its bundled cluster over the runtime's unix
// socket ($SKIFF_HOME/cluster/api.sock, see src/cluster/layout.ts): plain
// HTTP with the admin bearer token, so a command such as `skiff list` loads
// no TLS and makes no handshake. The server still authenticates every
// request as on HTTPS; the socket's private folder (0700, checked before
// use) and mode (0600) stand in for TLS's server check, since only its owner
// can have put a socket there. kubectl, Helm and skiff on any other cluster
// use the kubeconfig and HTTPS.
import type { ClusterConfig } from './kubeconfig-core.js';

/** Where the running bundled cluster also serves its API, and the admin token for it. */
export interface LocalSocket {
  readonly path: string;
  readonly token: string;
}

/**
 * The admin connection to the bundled cluster at `url` through its socket;
 * `url` (HTTPS) still names the cluster in messages. The namespace is the
 * flag's, else "default", as in the kubeconfig the runtime writes.
 */
export function socketClusterConfig(url: string, socket: LocalSocket, namespace?: string): ClusterConfig {
  return {
    server: url,
    socketPath: socket.path,
    tls: { insecureSkipTLSVerify: false },
    auth: { token: socket.token },
    namespace: namespace || 'default',
    files: [],
  };
}
