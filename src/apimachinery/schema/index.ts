// skiff's description of the Kubernetes API types: one catalog (types/*.ts)
// from which OpenAPI v3 documents, field validation, patch metadata and
// protobuf decoding are all derived.
//
// Maintaining the catalog: types/*.ts follow Kubernetes v1.32. Field names,
// protobuf numbers and the +patchMergeKey/+patchStrategy/+listType/+listMapKey
// markers come from kubernetes/api's generated.proto (and apimachinery's and
// apiextensions-apiserver's); `keepZero` marks Go pointer or non-omitempty
// scalars of types.go; descriptions are skiff's own. To add a field, add one
// `f(...)` line with the upstream number; test/apimachinery/schema*.test.ts checks the
// catalog's integrity and decodes real kubectl protobuf bodies against it.
export type { FieldDef, FieldOptions, GroupVersionKind, PackageDef, TypeDef, TypeRef, PatchStrategy } from './dsl.js';
export { PACKAGES, allKinds, allTypes, findType, typeById, typeForGvk, type ResolvedField, type ResolvedType } from './catalog.js';
export { fieldInfo, freeFormLookup, listMapKeys, patchMeta, patchMetaLookup, type FieldInfo, type PatchMeta, type PatchMetaLookup } from './patch-meta.js';
export { openApiV3Document, openApiV3Hash, openApiV3Index, openApiPaths, customResourceSchemaId } from './openapi.js';
export { duplicateFields, protoFields, protoMessageName, strictDecodingErrors, unknownFields, type ProtoField } from './fields.js';
export { typeError } from './type-errors.js';
export { decodeProtobufEnvelope, decodeProtobufMessage, decodeProtobufObject, ProtobufDecodeError, PROTOBUF_MAGIC, type ProtobufEnvelope } from './protobuf.js';
export { toGoForm } from './go-form.js';
export { openApiV2Document } from './openapi-v2.js';
export { openApiV2Protobuf } from './openapi-v2-proto.js';
export { gvPath, type ResourceInfo, type SubresourceInfo } from './resources.js';
