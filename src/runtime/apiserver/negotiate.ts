// Content negotiation: which shape an answer takes (JSON, Table,
// PartialObjectMetadata in JSON or protobuf) from the request's Accept, as
// kube-apiserver picks it: the first acceptable entry wins.
import * as E from './status.js';
import { PROTOBUF_MEDIA_TYPE } from './protobuf/body.js';
import type { WatchAnswer } from './watch-stream.js';
import { setOwn } from '../../util/own-keys.js';

export interface MediaType {
  type: string;
  params: Record<string, string>;
}

export function parseAccept(h: string | undefined): MediaType[] {
  if (!h) return [{ type: '*/*', params: {} }];
  return h.split(',').map((part) => {
    const [type, ...ps] = part.split(';').map((s) => s.trim());
    const params: Record<string, string> = {};
    for (const p of ps) {
      const i = p.indexOf('=');
      if (i > 0) setOwn(params, p.slice(0, i).trim(), p.slice(i + 1).trim());
    }
    return { type: (type ?? '').toLowerCase(), params };
  });
}

const isJson = (m: MediaType) => m.type === 'application/json' || m.type === '*/*' || m.type === 'application/*';

/** `protobuf`: a metadata-only answer in protobuf (lists and gets; watches stay JSON). */
export type Answer = WatchAnswer | { as: 'partial'; version: 'v1' | 'v1beta1'; protobuf: true };

/** Picks the response shape from Accept (first acceptable entry wins), or throws 406. */
export function negotiate(accept: MediaType[], protobuf = true): Answer {
  for (const m of accept) {
    if (protobuf && m.type === PROTOBUF_MEDIA_TYPE) {
      // kube-apiserver serves metadata-only answers of built-in resources in any format, protobuf included.
      const { as, g, v } = m.params;
      if (g === 'meta.k8s.io' && (v === 'v1' || v === 'v1beta1') && (as === 'PartialObjectMetadata' || as === 'PartialObjectMetadataList')) return { as: 'partial', version: v, protobuf: true };
      continue;
    }
    if (!isJson(m)) continue;
    const { as, g, v } = m.params;
    if (!as) return { as: 'json' };
    if (g === 'meta.k8s.io' && (v === 'v1' || v === 'v1beta1')) {
      if (as === 'Table') return { as: 'table', version: v };
      if (as === 'PartialObjectMetadata' || as === 'PartialObjectMetadataList') return { as: 'partial', version: v };
    }
  }
  if (accept.some((m) => m.type === 'application/vnd.kubernetes.protobuf' || m.type === 'application/yaml')) return { as: 'json' };
  throw E.notAcceptable(['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf']);
}

/** Aggregated discovery version requested by Accept, if any (kubectl lists v2 first, then v2beta1, then plain JSON). */
export function discoveryVersion(accept: MediaType[]): 'v2' | 'v2beta1' | undefined {
  for (const m of accept) {
    if (!isJson(m)) continue;
    const { as, g, v } = m.params;
    if (as === 'APIGroupDiscoveryList' && g === 'apidiscovery.k8s.io' && (v === 'v2' || v === 'v2beta1')) return v;
    if (!as) return undefined;
  }
  return undefined;
}
