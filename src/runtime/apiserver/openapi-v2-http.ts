// GET /openapi/v2: the Swagger 2.0 document in JSON, or in gnostic's protobuf
// when the client asks for it (kubectl does), with an ETag for conditional GETs.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OpenApiProvider } from './http.js';

/** The protobuf media types kube-apiserver accepts for /openapi/v2 (kubectl asks for the first). */
const PROTOBUF_TYPES = ['application/com.github.proto-openapi.spec.v2@v1.0+protobuf', 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf'];
/** What kube-openapi answers protobuf with: the second spelling, since Go's mime parser refuses the "@". */
const PROTOBUF_CONTENT_TYPE = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';

/** Answers one /openapi/v2 request from `provider`. */
export function sendOpenApiV2(req: IncomingMessage, res: ServerResponse, provider: OpenApiProvider): void {
  const accept = (req.headers.accept ?? '').split(',').map((s) => s.split(';')[0]!.trim().toLowerCase());
  const proto = PROTOBUF_TYPES.find((t) => accept.includes(t));
  const { doc, etag } = provider.v2();
  const headers = { ETag: etag, Vary: 'Accept', 'Cache-Control': 'no-cache, private' };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  const data = proto ? provider.v2().protobuf() : Buffer.from(JSON.stringify(doc));
  res.writeHead(200, { ...headers, 'Content-Type': proto ? PROTOBUF_CONTENT_TYPE : 'application/json', 'Content-Length': data.length });
  res.end(data);
}
