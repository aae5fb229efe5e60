// Kubeconfig loading the way kubectl (client-go's loading rules) does it:
// an explicit file, or the $KUBECONFIG list merged (the first file to set a
// map key or current-context wins), or ~/.kube/config; relative paths are
// resolved against the file that names them; command-line overrides
// (Helm's --kube-* flags) are applied last. The YAML library is the caller's
// (src/kube/kubeconfig.ts passes it): it reads only what the plain reader
// (kubeconfig-text.ts) declines, so a caller can leave it unloaded until then.
import { readFileSync, existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve, sep, delimiter } from 'node:path';
import { KubeConfigError } from '../errors.js';
// node:crypto is taken with process.getBuiltinModule where certificates are checked: an ESM
// import of it also loads Web Crypto, which no command that reads a kubeconfig needs.
import { parseSimpleKubeconfig } from './kubeconfig-text.js';

/** What a caller (the CLI flags, a test) can say about which cluster to reach. */
export interface KubeConfigOptions {
  /** An explicit kubeconfig file (--kubeconfig); it must exist and is used alone. */
  readonly kubeconfig?: string;
  /** The context to use instead of current-context (--kube-context). */
  readonly context?: string;
  /** A bearer token replacing the user's credentials (--kube-token). */
  readonly token?: string;
  /** The API server URL replacing the cluster's server (--kube-apiserver). */
  readonly apiServer?: string;
  /** A CA file replacing the cluster's CA (--kube-ca-file). */
  readonly caFile?: string;
  /** Skip server certificate verification (--kube-insecure-skip-tls-verify). */
  readonly insecureSkipTLSVerify?: boolean;
  /** The namespace replacing the context's (-n/--namespace). */
  readonly namespace?: string;
  /** Environment to read KUBECONFIG and HOME from (defaults to process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** A client.authentication.k8s.io exec credential plugin, paths already resolved. */
export interface ExecPluginConfig {
  readonly command: string;
  readonly args: readonly string[];
  readonly env: readonly { readonly name: string; readonly value: string }[];
  readonly apiVersion: string;
  readonly installHint?: string;
  readonly provideClusterInfo: boolean;
  readonly interactiveMode?: string;
}

export interface TlsConfig {
  /** PEM of the CA bundle to trust (undefined: the system roots). */
  readonly ca?: string;
  /** PEM client certificate and key (mutual TLS). */
  readonly cert?: string;
  readonly key?: string;
  readonly insecureSkipTLSVerify: boolean;
  /** SNI / verification name when it differs from the server host (tls-server-name). */
  readonly serverName?: string;
}

export interface AuthConfig {
  readonly token?: string;
  /** Re-read periodically, as client-go does, so rotated tokens are picked up. */
  readonly tokenFile?: string;
  readonly username?: string;
  readonly password?: string;
  readonly exec?: ExecPluginConfig;
}

export interface ImpersonationConfig {
  readonly user?: string;
  readonly uid?: string;
  readonly groups?: readonly string[];
  readonly extra?: Readonly<Record<string, readonly string[]>>;
}

/** Everything needed to talk to one API server, after merging and overrides. */
export interface ClusterConfig {
  readonly server: string;
  /**
   * A unix socket to send the requests to instead, in plain HTTP (no TLS):
   * only skiff's own connection to its bundled cluster (src/kube/local-socket.ts);
   * a kubeconfig never names one. `server` still names the cluster in messages.
   */
  readonly socketPath?: string;
  readonly tls: TlsConfig;
  readonly auth: AuthConfig;
  readonly impersonate?: ImpersonationConfig;
  /** The namespace: the flag, else the context's, else "default". */
  readonly namespace: string;
  readonly contextName?: string;
  readonly clusterName?: string;
  readonly userName?: string;
  /** The kubeconfig files that were read, in precedence order. */
  readonly files: readonly string[];
}

type Dict = Record<string, unknown>;

interface NamedEntry {
  readonly value: Dict;
  readonly file: string;
}

interface MergedKubeConfig {
  readonly files: string[];
  readonly clusters: Map<string, NamedEntry>;
  readonly users: Map<string, NamedEntry>;
  readonly contexts: Map<string, NamedEntry>;
  currentContext?: string;
}

/** Which files to read: the explicit one, else every existing $KUBECONFIG entry, else ~/.kube/config. */
export function kubeconfigFiles(opts: KubeConfigOptions): { files: string[]; explicit: boolean; searched: string[] } {
  const env = opts.env ?? process.env;
  if (opts.kubeconfig) {
    const file = resolve(expandHome(opts.kubeconfig, env));
    if (!existsSync(file)) throw new KubeConfigError(`kubeconfig file not found: ${file}`, { hint: 'check the --kubeconfig path' });
    return { files: [file], explicit: true, searched: [file] };
  }
  const list = env.KUBECONFIG;
  if (list && list.trim() !== '') {
    const searched: string[] = [];
    for (const p of list.split(delimiter)) {
      if (p.trim() === '') continue;
      const file = resolve(expandHome(p, env));
      if (!searched.includes(file)) searched.push(file);
    }
    // client-go ignores missing entries of the KUBECONFIG list.
    return { files: searched.filter((f) => existsSync(f)), explicit: false, searched };
  }
  const def = join(homeOf(env), '.kube', 'config');
  return { files: existsSync(def) ? [def] : [], explicit: false, searched: [def] };
}

/** loadKubeConfig (src/kube/kubeconfig.ts) with the YAML parser for the files the plain reader declines. */
export function loadKubeConfigWith(opts: KubeConfigOptions, parseYaml: (text: string) => unknown): ClusterConfig {
  const { files, searched } = kubeconfigFiles(opts);
  const merged = mergeFiles(files, parseYaml);
  const contextName = opts.context ?? merged.currentContext;

  if (!contextName) {
    if (opts.apiServer) return fromFlagsOnly(opts, files);
    if (files.length === 0) {
      throw new KubeConfigError(`no kubeconfig found (looked for ${searched.join(', ')})`, {
        hint: 'pass --kubeconfig, set KUBECONFIG, or give --kube-apiserver and --kube-token',
      });
    }
    throw new KubeConfigError(`kubeconfig ${files.join(', ')}: no current-context is set`, { hint: 'pass --kube-context <name>' });
  }

  const ctxEntry = merged.contexts.get(contextName);
  if (!ctxEntry) {
    if (files.length === 0 && opts.apiServer) return fromFlagsOnly(opts, files);
    const known = [...merged.contexts.keys()];
    throw new KubeConfigError(
      `context "${contextName}" does not exist in kubeconfig ${files.join(', ') || searched.join(', ')}` +
        (known.length ? ` (known contexts: ${known.join(', ')})` : ''),
    );
  }
  const ctx = asDict(ctxEntry.value.context, `${ctxEntry.file}: context "${contextName}"`);
  const clusterName = str(ctx.cluster);
  const userName = str(ctx.user);

  let clusterDict: Dict = {};
  let clusterFile = ctxEntry.file;
  if (clusterName) {
    const c = merged.clusters.get(clusterName);
    if (!c) {
      if (!opts.apiServer) throw new KubeConfigError(`${ctxEntry.file}: context "${contextName}" refers to cluster "${clusterName}", which is not defined`);
    } else {
      clusterDict = asDict(c.value.cluster, `${c.file}: cluster "${clusterName}"`);
      clusterFile = c.file;
    }
  } else if (!opts.apiServer) {
    throw new KubeConfigError(`${ctxEntry.file}: context "${contextName}" names no cluster`);
  }

  let userDict: Dict = {};
  let userFile = ctxEntry.file;
  if (userName) {
    const u = merged.users.get(userName);
    if (!u) throw new KubeConfigError(`${ctxEntry.file}: context "${contextName}" refers to user "${userName}", which is not defined`);
    userDict = asDict(u.value.user ?? {}, `${u.file}: user "${userName}"`);
    userFile = u.file;
  }

  const where = `${clusterFile}: cluster "${clusterName ?? ''}"`;
  const server = opts.apiServer ?? str(clusterDict.server);
  if (!server) throw new KubeConfigError(`${where} has no server`, { hint: 'set clusters[].cluster.server or pass --kube-apiserver' });

  const tls = clusterTls(clusterDict, clusterFile, where, opts);
  const userWhere = `${userFile}: user "${userName ?? ''}"`;
  const { cert, key } = clientCert(userDict, userFile, userWhere);
  const auth = userAuth(userDict, userFile, userWhere, opts);
  const impersonate = impersonation(userDict);
  const namespace = opts.namespace || str(ctx.namespace) || 'default';

  return {
    server: normaliseServer(server),
    tls: { ...tls, cert, key },
    auth,
    impersonate,
    namespace,
    contextName,
    clusterName,
    userName,
    files,
  };
}

function fromFlagsOnly(opts: KubeConfigOptions, files: string[]): ClusterConfig {
  const server = opts.apiServer as string;
  return {
    server: normaliseServer(server),
    tls: clusterTls({}, process.cwd(), '--kube-apiserver', opts),
    auth: opts.token ? { token: opts.token } : {},
    namespace: opts.namespace || 'default',
    files,
  };
}

function mergeFiles(files: readonly string[], parseYaml: (text: string) => unknown): MergedKubeConfig {
  const merged: MergedKubeConfig = { files: [...files], clusters: new Map(), users: new Map(), contexts: new Map() };
  for (const file of files) {
    const doc = readConfigFile(file, parseYaml);
    addNamed(merged.clusters, doc.clusters, file, 'clusters');
    addNamed(merged.users, doc.users, file, 'users');
    addNamed(merged.contexts, doc.contexts, file, 'contexts');
    const cc = str(doc['current-context']);
    if (merged.currentContext === undefined && cc) merged.currentContext = cc;
  }
  return merged;
}

function readConfigFile(file: string, parseYaml: (text: string) => unknown): Dict {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new KubeConfigError(`cannot read kubeconfig ${file}: ${(err as Error).message}`, { cause: err });
  }
  if (text.trim() === '') return {};
  let doc: unknown;
  try {
    doc = parseSimpleKubeconfig(text) ?? parseYaml(text);
  } catch (err) {
    throw new KubeConfigError(`kubeconfig ${file} is not valid YAML: ${(err as Error).message}`, { cause: err });
  }
  if (doc === null || doc === undefined) return {};
  return asDict(doc, `kubeconfig ${file}`);
}

function addNamed(into: Map<string, NamedEntry>, list: unknown, file: string, key: string): void {
  if (list === undefined || list === null) return;
  if (!Array.isArray(list)) throw new KubeConfigError(`kubeconfig ${file}: ${key} must be a list`);
  list.forEach((item, i) => {
    const d = asDict(item, `kubeconfig ${file}: ${key}[${i}]`);
    const name = str(d.name);
    if (!name) throw new KubeConfigError(`kubeconfig ${file}: ${key}[${i}] has no name`);
    // First file (and first entry) to define a name wins, as client-go merges.
    if (!into.has(name)) into.set(name, { value: d, file });
  });
}

function clusterTls(cluster: Dict, file: string, where: string, opts: KubeConfigOptions): TlsConfig {
  let caFile = str(cluster['certificate-authority']);
  let caData = str(cluster['certificate-authority-data']);
  let insecure = cluster['insecure-skip-tls-verify'] === true;
  // As client-go: a CA or insecure override replaces the file's CA settings entirely.
  if (opts.caFile || opts.insecureSkipTLSVerify) {
    caFile = opts.caFile ? resolve(opts.caFile) : undefined;
    caData = undefined;
    insecure = opts.insecureSkipTLSVerify === true;
  }
  let ca: string | undefined;
  if (caData) {
    ca = decodePem(caData, `${where}: certificate-authority-data`);
    checkCertificates(ca, `${where}: certificate-authority-data`);
  } else if (caFile) {
    const path = resolvePath(caFile, file);
    const what = `certificate authority ${path} (${opts.caFile ? '--kube-ca-file' : `${where}: certificate-authority`})`;
    ca = readPemFile(path, what);
    checkCertificates(ca, what);
  }
  const serverName = str(cluster['tls-server-name']);
  return { ca, insecureSkipTLSVerify: insecure, serverName };
}

function clientCert(user: Dict, file: string, where: string): { cert?: string; key?: string } {
  let cert: string | undefined;
  let key: string | undefined;
  const certData = str(user['client-certificate-data']);
  const certFile = str(user['client-certificate']);
  const keyData = str(user['client-key-data']);
  const keyFile = str(user['client-key']);
  if (certData) cert = decodePem(certData, `${where}: client-certificate-data`);
  else if (certFile) {
    const p = resolvePath(certFile, file);
    cert = readPemFile(p, `client certificate ${p} (${where}: client-certificate)`);
  }
  if (keyData) key = decodePem(keyData, `${where}: client-key-data`);
  else if (keyFile) {
    const p = resolvePath(keyFile, file);
    key = readPemFile(p, `client key ${p} (${where}: client-key)`);
  }
  if (cert && !key) throw new KubeConfigError(`${where}: client-certificate is set but client-key is missing`);
  if (key && !cert) throw new KubeConfigError(`${where}: client-key is set but client-certificate is missing`);
  if (cert && key) {
    checkCertificates(cert, `${where}: client certificate`);
    try {
      process.getBuiltinModule('node:crypto').createPrivateKey(key);
    } catch (err) {
      throw new KubeConfigError(`${where}: client key is not a valid PEM private key: ${(err as Error).message}`, { cause: err });
    }
  }
  return { cert, key };
}

function userAuth(user: Dict, file: string, where: string, opts: KubeConfigOptions): AuthConfig {
  if (opts.token) return { token: opts.token };
  const token = str(user.token);
  const tokenFileRaw = str(user.tokenFile);
  const tokenFile = tokenFileRaw ? resolvePath(tokenFileRaw, file) : undefined;
  if (tokenFile && !token) {
    try {
      readFileSync(tokenFile, 'utf8');
    } catch (err) {
      throw new KubeConfigError(`cannot read token file ${tokenFile} (${where}: tokenFile): ${(err as Error).message}`, { cause: err });
    }
  }
  const username = str(user.username);
  const password = str(user.password);
  let exec: ExecPluginConfig | undefined;
  if (user.exec !== undefined && user.exec !== null) {
    const e = asDict(user.exec, `${where}: exec`);
    let command = str(e.command);
    if (!command) throw new KubeConfigError(`${where}: exec has no command`);
    // client-go resolves a relative command only when it names a path, not a $PATH lookup.
    if (!isAbsolute(command) && (command.includes('/') || command.includes(sep))) command = resolve(dirname(file), command);
    const apiVersion = str(e.apiVersion);
    if (apiVersion !== 'client.authentication.k8s.io/v1' && apiVersion !== 'client.authentication.k8s.io/v1beta1') {
      throw new KubeConfigError(
        `${where}: exec apiVersion ${apiVersion ? `"${apiVersion}" is not supported` : 'is missing'} (use client.authentication.k8s.io/v1 or v1beta1)`,
      );
    }
    const args = Array.isArray(e.args) ? e.args.map((a) => String(a)) : [];
    const env = Array.isArray(e.env)
      ? e.env.map((v, i) => {
          const d = asDict(v, `${where}: exec.env[${i}]`);
          return { name: String(d.name ?? ''), value: String(d.value ?? '') };
        })
      : [];
    exec = {
      command,
      args,
      env,
      apiVersion,
      installHint: str(e.installHint),
      provideClusterInfo: e.provideClusterInfo === true,
      interactiveMode: str(e.interactiveMode),
    };
  }
  if (user['auth-provider'] !== undefined && !exec && !token && !tokenFile) {
    throw new KubeConfigError(`${where}: auth-provider plugins are not supported; use an exec credential plugin`);
  }
  return { token, tokenFile: token ? undefined : tokenFile, username, password, exec };
}

function impersonation(user: Dict): ImpersonationConfig | undefined {
  const asUser = str(user.as);
  const uid = str(user['as-uid']);
  const groups = Array.isArray(user['as-groups']) ? user['as-groups'].map((g) => String(g)) : undefined;
  const extraRaw = user['as-user-extra'];
  let extra: Record<string, string[]> | undefined;
  if (extraRaw && typeof extraRaw === 'object' && !Array.isArray(extraRaw)) {
    extra = {};
    for (const [k, v] of Object.entries(extraRaw as Dict)) extra[k] = Array.isArray(v) ? v.map(String) : [String(v)];
  }
  if (!asUser && !uid && !groups?.length && !extra) return undefined;
  return { user: asUser, uid, groups, extra };
}

function normaliseServer(server: string): string {
  let s = server.trim();
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(s)) s = `https://${s}`;
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    throw new KubeConfigError(`invalid API server address "${server}"`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new KubeConfigError(`invalid API server address "${server}": scheme must be https or http`);
  return s.replace(/\/+$/, '');
}

function resolvePath(p: string, kubeconfigFile: string): string {
  return isAbsolute(p) ? p : resolve(dirname(kubeconfigFile), p);
}

function expandHome(p: string, env: Readonly<Record<string, string | undefined>>): string {
  return p === '~' || p.startsWith('~/') ? join(homeOf(env), p.slice(1)) : p;
}

function homeOf(env: Readonly<Record<string, string | undefined>>): string {
  return env.HOME || env.USERPROFILE || homedir();
}

function readPemFile(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (err as Error).message;
    throw new KubeConfigError(`cannot read ${what}: ${reason}`, { cause: err });
  }
}

function decodePem(b64: string, what: string): string {
  const text = Buffer.from(b64, 'base64').toString('utf8');
  if (!text.includes('-----BEGIN')) throw new KubeConfigError(`${what} is not base64-encoded PEM data`);
  return text;
}

/** Rejects a bundle that holds no parseable certificate, naming where it came from. */
function checkCertificates(pem: string, what: string): void {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g);
  if (!blocks) throw new KubeConfigError(`${what} holds no PEM certificate`);
  for (const block of blocks) {
    try {
      new (process.getBuiltinModule('node:crypto').X509Certificate)(block);
    } catch (err) {
      throw new KubeConfigError(`${what} holds an invalid certificate: ${(err as Error).message}`, { cause: err });
    }
  }
}

function asDict(v: unknown, what: string): Dict {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new KubeConfigError(`${what} must be a mapping`);
  return v as Dict;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}
