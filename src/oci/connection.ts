// The sockets of one registry: keep-alive node:http / node:https agents with
// the TLS options of Helm's flags (CA, client certificate, skip-verify); the
// HTTPS side is set up only when a request needs it.
// The registry client needs nothing more than one request at a time with a
// whole-request timeout, so it uses Node's own HTTP client, which costs a
// few milliseconds to load where undici costs ~90 ms of CPU at every start.
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import type { Agent as HttpsAgent, AgentOptions as HttpsAgentOptions } from 'node:https';
import { defaultTrust } from '../tls-trust.js';
import { readPem, type RepoCredentials } from '../repo/http-common.js';

/** A response whose body is still to be read (an async iterable of Buffers). */
export type StreamedResponse = IncomingMessage;

/** Keep-alive connections to one registry (and whatever hosts it redirects to). */
export class RegistryConnection {
  private readonly http = new HttpAgent({ keepAlive: true });
  /** Made at the first HTTPS request: a --plain-http registry never loads node:https nor reads the trusted roots. */
  private https: HttpsAgent | undefined;
  private readonly tls: HttpsAgentOptions;

  /** Throws RepoError when a PEM file named by the options cannot be read (before any request). */
  constructor(opts: RepoCredentials) {
    const ca = readPem(opts.caFile, 'CA file');
    this.tls = {
      keepAlive: true,
      ...(ca ? { ca } : {}),
      cert: readPem(opts.certFile, 'certificate file'),
      key: readPem(opts.keyFile, 'key file'),
      rejectUnauthorized: !opts.insecureSkipTlsVerify,
    };
  }

  private httpsAgent(): HttpsAgent {
    if (!this.https) {
      const ca = this.tls.ca ?? defaultTrust();
      this.https = new (process.getBuiltinModule('node:https').Agent)({ ...this.tls, ...(ca ? { ca } : {}) });
    }
    return this.https;
  }

  /**
   * Sends one request and resolves when the response headers arrive.
   * `signal` aborts the whole exchange, body included. Rejects with the
   * socket or TLS error (its `code` kept) when there is no response.
   */
  request(url: URL, method: string, headers: Record<string, string>, body: Buffer | undefined, signal: AbortSignal): Promise<StreamedResponse> {
    return new Promise((resolve, reject) => {
      const req =
        url.protocol === 'https:'
          ? process.getBuiltinModule('node:https').request(url, { method, headers, agent: this.httpsAgent(), signal }, resolve)
          : httpRequest(url, { method, headers, agent: this.http, signal }, resolve);
      req.once('error', reject);
      req.end(body);
    });
  }

  /** Closes every socket. */
  close(): void {
    this.http.destroy();
    this.https?.destroy();
  }
}
