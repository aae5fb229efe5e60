// skiff's description of the Kubernetes API types: one catalog (types/*.ts)
// from which OpenAPI v3 documents, field validation, patch metadata and
// protobuf field numbers are all derived.
export type { FieldDef, FieldOptions, GroupVersionKind, PackageDef, TypeDef, TypeRef, PatchStrategy } from './dsl.js';
export { PACKAGES, allKinds, allTypes, findType, typeById, typeForGvk, type ResolvedField, type ResolvedType } from './catalog.js';
export { fieldInfo, freeFormLookup, listMapKeys, patchMeta, patchMetaLookup, type FieldInfo, type PatchMeta, type PatchMetaLookup } from './patch-meta.js';
export { openApiV3Document, openApiV3Hash, openApiV3Index, customResourceSchemaId, servedKinds } from './openapi.js';
export { duplicateFields, protoFields, protoMessageName, typeError, unknownFields, type ProtoField } from './fields.js';
export { decodeProtobufObject, ProtobufDecodeError, PROTOBUF_MAGIC } from './protobuf.js';
export { RESOURCES, gvPath, type ResourceInfo, type SubresourceInfo } from './resources.js';
