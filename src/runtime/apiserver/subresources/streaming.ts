// pods/exec, pods/attach and pods/portforward: the simulated nodes run no
// containers, so these answer at once with a Status error instead of
// upgrading the connection (kubectl tries WebSockets, then SPDY; both get the
// same clear refusal rather than a hang).
import type { ApiRequest } from '../request.js';
import * as E from '../status.js';

/** The names of the streaming pod subresources. */
export const STREAMING_SUBRESOURCES: readonly string[] = ['exec', 'attach', 'portforward'];

/** Always throws: a 400 Status saying the simulated nodes have no process to connect to. */
export function refuseStreaming(req: ApiRequest): never {
  const sub = req.ref.subresource;
  const what = sub === 'portforward' ? 'port-forward' : sub;
  throw E.badRequest(`${what} is not supported by the simulated nodes: pod "${req.ref.name}" in namespace "${req.ref.namespace}" has no running container process to connect to`);
}
