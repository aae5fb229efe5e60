// pods/exec, pods/attach and pods/portforward: the simulated nodes run no
// containers, so these answer at once with a Status error instead of
// upgrading the connection (kubectl tries WebSockets, then SPDY; both get the
// same clear refusal rather than a hang).
import type { ApiRequest, ApiResult } from './pipeline.js';
import type { ServedResource } from './catalog.js';
import * as E from './status.js';

const STREAMING = new Set(['exec', 'attach', 'portforward']);

/** A 400 Status for streaming pod subresources, or undefined for every other request. */
export function refuseStreaming(req: ApiRequest, def: ServedResource): ApiResult | undefined {
  const sub = req.ref.subresource;
  if (def.group !== '' || def.plural !== 'pods' || !sub || !STREAMING.has(sub)) return undefined;
  const what = sub === 'portforward' ? 'port-forward' : sub;
  throw E.badRequest(`${what} is not supported by the simulated nodes: pod "${req.ref.name}" in namespace "${req.ref.namespace}" has no running container process to connect to`);
}
