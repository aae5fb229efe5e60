// Protobuf request bodies (application/vnd.kubernetes.protobuf): kubectl's
// generated clients (`kubectl create configmap|deployment|...`) send them.
// Decoding is the schema catalog's; this maps its failures to kube-apiserver's
// Status answers so bad input is a 400, never a crash.
import { decodeProtobufObject, ProtobufDecodeError } from '../../../kube/schema/index.js';
import * as E from '../status.js';

/** The media type of Kubernetes protobuf bodies. */
export const PROTOBUF_MEDIA_TYPE = 'application/vnd.kubernetes.protobuf';

/**
 * Decodes a protobuf request body into the object's JSON form.
 * Throws a 400 BadRequest ApiError (kube-apiserver's wording) for a body without
 * the `k8s\0` prefix, truncated or malformed data, or a kind the server does not know.
 */
export function decodeProtobufBody(buf: Uint8Array): Record<string, unknown> {
  try {
    return decodeProtobufObject(buf);
  } catch (err) {
    if (err instanceof ProtobufDecodeError) throw E.badRequest(`the object provided is unrecognized: ${err.message}`);
    // Anything else the decoder throws on hostile input is still the client's fault.
    throw E.badRequest(`the object provided is unrecognized: malformed protobuf data: ${(err as Error)?.message ?? String(err)}`);
  }
}
