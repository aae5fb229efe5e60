// The on-disk layout of a bundled cluster's data dir ($SKIFF_HOME/cluster):
// the one place that names its files. The launcher (src/cluster/), the
// runtime process (src/runtime/main.ts) and the runtime itself read their
// paths from here, so they cannot disagree. Imports nothing of skiff.
//
//   state.db (+ -wal, -shm)  the object store (SQLite)
//   pki/                     CA, serving certificate and admin token
//   kubeconfig               the admin kubeconfig
//   users/NAME.kubeconfig    kubeconfigs issued by `skiff cluster user add`
//   api.sock                 the API on a unix socket (plain HTTP, credentials
//                            still required) for skiff's own CLI; mode 0600
//   runtime.json             pid, port, URL (and socket) of the running process
//   runtime.log              the detached process's output
//   port                     the port used last, reused on the next start
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The PKI files of a cluster. */
export interface PkiFiles {
  readonly dir: string;
  readonly caCert: string;
  readonly caKey: string;
  readonly serverCert: string;
  readonly serverKey: string;
  readonly adminToken: string;
}

/** Every path of one cluster data dir. */
export interface ClusterLayout {
  readonly dir: string;
  readonly stateDb: string;
  readonly pki: PkiFiles;
  readonly kubeconfig: string;
  readonly usersDir: string;
  readonly runtimeState: string;
  readonly runtimeLog: string;
  /** The runtime's unix socket (see RuntimeState.socket). */
  readonly apiSocket: string;
  readonly port: string;
  /** users/NAME.kubeconfig */
  userKubeconfig(name: string): string;
}

/** The cluster data dir of a skiff home. */
export function clusterDir(home: string): string {
  return join(home, 'cluster');
}

/** The layout of the cluster data dir `dir` (not of a home: see clusterDir). */
export function clusterLayout(dir: string): ClusterLayout {
  const pki = join(dir, 'pki');
  const users = join(dir, 'users');
  return {
    dir,
    stateDb: join(dir, 'state.db'),
    pki: {
      dir: pki,
      caCert: join(pki, 'ca.crt'),
      caKey: join(pki, 'ca.key'),
      serverCert: join(pki, 'apiserver.crt'),
      serverKey: join(pki, 'apiserver.key'),
      adminToken: join(pki, 'admin.token'),
    },
    kubeconfig: join(dir, 'kubeconfig'),
    usersDir: users,
    runtimeState: join(dir, 'runtime.json'),
    runtimeLog: join(dir, 'runtime.log'),
    apiSocket: join(dir, 'api.sock'),
    port: join(dir, 'port'),
    userKubeconfig: (name) => join(users, `${name}.kubeconfig`),
  };
}

/** What a running runtime process records about itself in runtime.json. */
export interface RuntimeState {
  readonly pid: number;
  readonly port: number;
  readonly url: string;
  readonly kubeconfig: string;
  readonly store: string;
  readonly startedAt: string;
  /** The unix socket it also serves the API on, when it does (the path fits a socket address). */
  readonly socket?: string;
}

/** The longest socket path every platform takes (sun_path is 108 bytes on Linux, 104 on macOS, with its NUL). */
export const MAX_SOCKET_PATH_BYTES = 103;

/** runtime.json, or undefined when it is missing or unreadable. */
export function readRuntimeState(l: ClusterLayout): RuntimeState | undefined {
  try {
    const st = JSON.parse(readFileSync(l.runtimeState, 'utf8')) as Partial<RuntimeState> | null;
    return st && typeof st.pid === 'number' && typeof st.url === 'string' ? (st as RuntimeState) : undefined;
  } catch {
    return undefined;
  }
}

/** Writes runtime.json atomically (a reader never sees half a file). */
export function writeRuntimeState(l: ClusterLayout, st: RuntimeState): void {
  writeFileSync(`${l.runtimeState}.tmp`, JSON.stringify(st, null, 2) + '\n');
  renameSync(`${l.runtimeState}.tmp`, l.runtimeState);
}

/** Removes runtime.json; with `pid`, only when it still names that process. */
export function clearRuntimeState(l: ClusterLayout, pid?: number): void {
  if (pid !== undefined && readRuntimeState(l)?.pid !== pid) return;
  rmSync(l.runtimeState, { force: true });
}

/** The port recorded by the previous start, so kubeconfigs written earlier keep working. */
export function previousPort(l: ClusterLayout): number | undefined {
  try {
    const p = Number(readFileSync(l.port, 'utf8').trim());
    return Number.isInteger(p) && p > 0 ? p : undefined;
  } catch {
    return undefined;
  }
}

/** Records the port this start listens on. */
export function recordPort(l: ClusterLayout, port: number): void {
  writeFileSync(l.port, `${port}\n`);
}
