// Protobuf request bodies (application/vnd.kubernetes.protobuf): kubectl's
// generated clients (`kubectl create configmap|deployment|...`) send them.
// Decoding is the schema catalog's; this maps its failures to kube-apiserver's
// Status answers so bad input is a 400, never a crash.
import { decodeProtobufEnvelope, decodeProtobufMessage, decodeProtobufObject, ProtobufDecodeError } from '../../../apimachinery/schema/index.js';
import { createRequire } from 'node:module';
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
    // Kinds whose request carries nothing but metadata (the catalog does not describe them): the type is all that matters.
    const tm = err instanceof ProtobufDecodeError ? envelopeType(buf) : undefined;
    if (tm && METADATA_ONLY_KINDS.has(`${tm.apiVersion}/${tm.kind}`)) return { apiVersion: tm.apiVersion, kind: tm.kind, metadata: {} };
    if (err instanceof ProtobufDecodeError) throw E.badRequest(`the object provided is unrecognized: ${err.message}`);
    // Anything else the decoder throws on hostile input is still the client's fault.
    throw E.badRequest(`the object provided is unrecognized: malformed protobuf data: ${(err as Error)?.message ?? String(err)}`);
  }
}

/**
 * Decodes the protobuf DeleteOptions body of a DELETE (Helm 3 and 4 and
 * client-go's typed clients send one with every delete; client-go labels it
 * with the request's group version, e.g. apps/v1, or meta.k8s.io/v1).
 * Throws a 400 BadRequest ApiError for another kind or malformed data.
 */
export function decodeDeleteOptionsBody(buf: Uint8Array): Record<string, unknown> {
  try {
    const env = decodeProtobufEnvelope(buf);
    if (env.kind !== 'DeleteOptions') throw new ProtobufDecodeError(`expected DeleteOptions, got ${env.kind}`);
    return { apiVersion: env.apiVersion, kind: env.kind, ...decodeProtobufMessage({ group: '', version: 'v1', kind: 'DeleteOptions' }, env.raw) };
  } catch (err) {
    throw E.badRequest(`the body of the request was not a valid DeleteOptions: ${(err as Error)?.message ?? String(err)}`);
  }
}

const METADATA_ONLY_KINDS = new Set(['authentication.k8s.io/v1/SelfSubjectReview']);

/** apiVersion and kind of a well-formed envelope, or undefined. */
function envelopeType(buf: Uint8Array): { apiVersion: string; kind: string } | undefined {
  try {
    const { Reader } = createRequire(import.meta.url)('protobufjs/minimal') as typeof import('protobufjs');
    const r = Reader.create(buf.subarray(4));
    while (r.pos < r.len) {
      const tag = r.uint32();
      if (tag >>> 3 === 1 && (tag & 7) === 2) {
        const t = Reader.create(r.bytes());
        let apiVersion = '';
        let kind = '';
        while (t.pos < t.len) {
          const tt = t.uint32();
          if (tt >>> 3 === 1) apiVersion = t.string();
          else if (tt >>> 3 === 2) kind = t.string();
          else t.skipType(tt & 7);
        }
        return { apiVersion, kind };
      }
      r.skipType(tag & 7);
    }
  } catch {
    return undefined;
  }
  return undefined;
}
