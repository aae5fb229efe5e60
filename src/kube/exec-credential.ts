// Exec credential plugins (client.authentication.k8s.io v1/v1beta1): run the
// configured command with KUBERNETES_EXEC_INFO, read an ExecCredential from
// its stdout, and reuse the result until its expirationTimestamp.
import { ClusterError } from '../errors.js';
// node:child_process is loaded when a plugin runs, not by every command that reads a kubeconfig.
import type { ExecPluginConfig } from './kubeconfig.js';

/** What a plugin hands back: a bearer token and/or a client certificate. */
export interface ExecCredentialResult {
  readonly token?: string;
  readonly clientCertificateData?: string;
  readonly clientKeyData?: string;
  /** Milliseconds since the epoch; undefined means valid until the server rejects it. */
  readonly expiresAt?: number;
}

/** Cluster details passed to the plugin when provideClusterInfo is set. */
export interface ExecClusterInfo {
  readonly server: string;
  readonly 'tls-server-name'?: string;
  readonly 'insecure-skip-tls-verify'?: boolean;
  readonly 'certificate-authority-data'?: string;
}

const PLUGIN_TIMEOUT_MS = 60_000;
// Refresh a little early so a credential does not expire mid-request.
const EXPIRY_SKEW_MS = 10_000;

/** Runs one exec plugin and caches its credential; `invalidate()` forces a re-run (after a 401). */
export class ExecCredentialProvider {
  private cached?: ExecCredentialResult;
  private inflight?: Promise<ExecCredentialResult>;

  constructor(
    private readonly config: ExecPluginConfig,
    private readonly cluster?: ExecClusterInfo,
    private readonly now: () => number = Date.now,
  ) {}

  /** The current credential, running the plugin when none is cached or it has expired; throws ClusterError when the plugin fails. */
  async get(): Promise<ExecCredentialResult> {
    const c = this.cached;
    if (c && (c.expiresAt === undefined || c.expiresAt - EXPIRY_SKEW_MS > this.now())) return c;
    if (!this.inflight) {
      this.inflight = this.run().finally(() => {
        this.inflight = undefined;
      });
    }
    this.cached = await this.inflight;
    return this.cached;
  }

  invalidate(): void {
    this.cached = undefined;
  }

  private run(): Promise<ExecCredentialResult> {
    const cfg = this.config;
    const info: Record<string, unknown> = {
      apiVersion: cfg.apiVersion,
      kind: 'ExecCredential',
      spec: { interactive: false, ...(cfg.provideClusterInfo && this.cluster ? { cluster: this.cluster } : {}) },
    };
    const env: NodeJS.ProcessEnv = { ...process.env, KUBERNETES_EXEC_INFO: JSON.stringify(info) };
    for (const { name, value } of cfg.env) env[name] = value;
    const label = `exec plugin "${cfg.command}"`;
    if (cfg.interactiveMode === 'Always') {
      // skiff never hands the plugin a terminal, as client-go does when stdin is not one.
      return Promise.reject(new ClusterError(`${label} is configured with interactiveMode Always, but skiff runs plugins without a terminal`));
    }
    return new Promise((resolvePromise, reject) => {
      let stdout = '';
      let stderr = '';
      const child = process.getBuiltinModule('node:child_process').spawn(cfg.command, [...cfg.args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new ClusterError(`${label} did not finish within ${PLUGIN_TIMEOUT_MS / 1000}s`));
      }, PLUGIN_TIMEOUT_MS);
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
      child.on('error', (err: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        const msg = err.code === 'ENOENT' ? `executable ${cfg.command} not found` : err.message;
        reject(new ClusterError(`${label}: ${msg}`, { hint: cfg.installHint, cause: err }));
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        if (code !== 0) {
          const tail = stderr.trim() ? `: ${stderr.trim().split('\n').slice(-5).join('\n')}` : '';
          reject(new ClusterError(`${label} failed with exit code ${code}${tail}`, { hint: cfg.installHint }));
          return;
        }
        try {
          resolvePromise(parseExecCredential(stdout, cfg.apiVersion, label));
        } catch (err) {
          reject(err);
        }
      });
    });
  }
}

/** Validates a plugin's stdout as an ExecCredential of the expected apiVersion. */
export function parseExecCredential(stdout: string, apiVersion: string, label = 'exec plugin'): ExecCredentialResult {
  let doc: unknown;
  try {
    doc = JSON.parse(stdout);
  } catch {
    throw new ClusterError(`${label} printed something that is not an ExecCredential JSON object: ${stdout.trim().slice(0, 200)}`);
  }
  const d = doc as { apiVersion?: unknown; kind?: unknown; status?: Record<string, unknown> };
  if (d.kind !== 'ExecCredential') throw new ClusterError(`${label}: expected kind ExecCredential, got ${JSON.stringify(d.kind)}`);
  if (d.apiVersion !== apiVersion) {
    throw new ClusterError(`${label}: ExecCredential apiVersion ${JSON.stringify(d.apiVersion)} does not match the configured ${apiVersion}`);
  }
  const s = d.status;
  if (!s || typeof s !== 'object') throw new ClusterError(`${label}: ExecCredential has no status`);
  const token = typeof s.token === 'string' && s.token ? s.token : undefined;
  const cert = typeof s.clientCertificateData === 'string' && s.clientCertificateData ? s.clientCertificateData : undefined;
  const key = typeof s.clientKeyData === 'string' && s.clientKeyData ? s.clientKeyData : undefined;
  if (!token && !(cert && key)) throw new ClusterError(`${label}: ExecCredential status has neither a token nor clientCertificateData and clientKeyData`);
  if ((cert && !key) || (key && !cert)) throw new ClusterError(`${label}: ExecCredential status must set both clientCertificateData and clientKeyData`);
  let expiresAt: number | undefined;
  if (typeof s.expirationTimestamp === 'string' && s.expirationTimestamp) {
    expiresAt = Date.parse(s.expirationTimestamp);
    if (Number.isNaN(expiresAt)) throw new ClusterError(`${label}: invalid expirationTimestamp ${JSON.stringify(s.expirationTimestamp)}`);
  }
  return { token, clientCertificateData: cert, clientKeyData: key, expiresAt };
}
