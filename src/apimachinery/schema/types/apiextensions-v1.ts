// apiextensions.k8s.io/v1 API types (protobuf package k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1).
import { pkg, f, ref, list, map, str, i32, i64, bool, f64, bytes, time, raw, jsonOr } from '../dsl.js';

export default pkg(
  { alias: 'apiextensions', openapi: 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1', protoPackage: 'k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1', group: 'apiextensions.k8s.io', version: 'v1' },
  ({ kind, type }) => {
    type('CustomResourceColumnDefinition', '', [
      f('name', str, 1, { required: true, keepZero: true, desc: 'Name, unique within its scope.' }),
      f('type', str, 2, { required: true, keepZero: true, desc: 'Type of this entry.' }),
      f('format', str, 3, { desc: 'Format of the value.' }),
      f('description', str, 4, { desc: 'Human-readable description.' }),
      f('priority', i32, 5, { desc: 'Column importance; above 0 shows only with -o wide.' }),
      f('jsonPath', str, 6, { required: true, keepZero: true, desc: 'JSON path of the value.' }),
    ]);
    type('CustomResourceConversion', '', [
      f('strategy', str, 1, { required: true, keepZero: true, desc: 'None or Webhook.' }),
      f('webhook', ref('WebhookConversion'), 2, { desc: 'Webhook conversion settings.' }),
    ]);
    kind('CustomResourceDefinition', 'Defines a new resource type served by the API server.', [
      f('metadata', ref('meta.ObjectMeta'), 1, { desc: 'Standard object metadata: name, namespace, labels, annotations, owners.' }),
      f('spec', ref('CustomResourceDefinitionSpec'), 2, { required: true, desc: 'The desired state, as the user declares it.' }),
      f('status', ref('CustomResourceDefinitionStatus'), 3, { desc: 'The observed state, written by the system.' }),
    ]);
    type('CustomResourceDefinitionCondition', 'One condition of a CustomResourceDefinition.', [
      f('type', str, 1, { required: true, keepZero: true, desc: 'Type of this entry.' }),
      f('status', str, 2, { required: true, keepZero: true, desc: 'The observed state, written by the system.' }),
      f('lastTransitionTime', time, 3, { desc: 'When the condition last changed status.' }),
      f('reason', str, 4, { desc: 'Machine-readable, CamelCase reason for the last transition.' }),
      f('message', str, 5, { desc: 'Human-readable detail.' }),
    ]);
    kind('CustomResourceDefinitionList', 'A list of CustomResourceDefinition objects.', [
      f('metadata', ref('meta.ListMeta'), 1, { desc: 'List metadata: resourceVersion and continue token.' }),
      f('items', list(ref('CustomResourceDefinition')), 2, { required: true, desc: 'The objects in this list.' }),
    ]);
    type('CustomResourceDefinitionNames', '', [
      f('plural', str, 1, { required: true, keepZero: true, desc: 'Plural resource name used in URLs.' }),
      f('singular', str, 2, { desc: 'Singular resource name.' }),
      f('shortNames', list(str), 3, { listType: 'atomic', desc: 'Short aliases for the CLI.' }),
      f('kind', str, 4, { required: true, keepZero: true, desc: 'Kind of the referenced or described object.' }),
      f('listKind', str, 5, { desc: 'Kind of the list type.' }),
      f('categories', list(str), 6, { listType: 'atomic', desc: 'Groups of resources, e.g. all.' }),
    ]);
    type('CustomResourceDefinitionSpec', 'Desired state of a CustomResourceDefinition.', [
      f('group', str, 1, { required: true, keepZero: true, desc: 'API group.' }),
      f('names', ref('CustomResourceDefinitionNames'), 3, { required: true, desc: 'Names of the resource (plural, singular, kind, short names).' }),
      f('scope', str, 4, { required: true, keepZero: true, desc: 'Namespaced or Cluster.' }),
      f('versions', list(ref('CustomResourceDefinitionVersion')), 7, { listType: 'atomic', required: true, desc: 'Versions served.' }),
      f('conversion', ref('CustomResourceConversion'), 9, { desc: 'How objects are converted between versions.' }),
      f('preserveUnknownFields', bool, 10, { desc: 'Deprecated; must be false.' }),
    ]);
    type('CustomResourceDefinitionStatus', 'Observed state of a CustomResourceDefinition.', [
      f('conditions', list(ref('CustomResourceDefinitionCondition')), 1, { listType: 'map', keys: ['type'], desc: 'Latest observations of the object\'s state.' }),
      f('acceptedNames', ref('CustomResourceDefinitionNames'), 2, { desc: 'Names actually accepted by the server.' }),
      f('storedVersions', list(str), 3, { listType: 'atomic', desc: 'Versions objects have ever been stored in.' }),
    ]);
    type('CustomResourceDefinitionVersion', '', [
      f('name', str, 1, { required: true, keepZero: true, desc: 'Name, unique within its scope.' }),
      f('served', bool, 2, { required: true, keepZero: true, desc: 'Whether this version is served.' }),
      f('storage', bool, 3, { required: true, keepZero: true, desc: 'Whether objects are stored in this version (exactly one).' }),
      f('deprecated', bool, 7, { desc: 'Whether this version is deprecated.' }),
      f('deprecationWarning', str, 8, { keepZero: true, desc: 'Warning returned to clients of a deprecated version.' }),
      f('schema', ref('CustomResourceValidation'), 4, { desc: 'Validation schema of this version.' }),
      f('subresources', ref('CustomResourceSubresources'), 5, { desc: 'Subresources (status, scale) enabled.' }),
      f('additionalPrinterColumns', list(ref('CustomResourceColumnDefinition')), 6, { listType: 'atomic', desc: 'Extra columns for kubectl get.' }),
      f('selectableFields', list(ref('SelectableField')), 9, { listType: 'atomic', desc: 'Fields usable in field selectors.' }),
    ]);
    type('CustomResourceSubresourceScale', '', [
      f('specReplicasPath', str, 1, { required: true, keepZero: true, desc: 'JSON path of the desired replicas.' }),
      f('statusReplicasPath', str, 2, { required: true, keepZero: true, desc: 'JSON path of the current replicas.' }),
      f('labelSelectorPath', str, 3, { keepZero: true, desc: 'JSON path of the label selector.' }),
    ]);
    type('CustomResourceSubresourceStatus', '', [
    ]);
    type('CustomResourceSubresources', '', [
      f('status', ref('CustomResourceSubresourceStatus'), 1, { desc: 'The observed state, written by the system.' }),
      f('scale', ref('CustomResourceSubresourceScale'), 2, { desc: 'Scale subresource settings.' }),
    ]);
    type('CustomResourceValidation', '', [
      f('openAPIV3Schema', ref('JSONSchemaProps'), 1, { desc: 'OpenAPI v3 schema of the objects.' }),
    ]);
    type('ExternalDocumentation', '', [
      f('description', str, 1, { desc: 'Human-readable description.' }),
      f('url', str, 2, { desc: 'URL.' }),
    ]);
    type('JSONSchemaProps', 'A JSON Schema (OpenAPI v3 subset) node.', [
      f('id', str, 1, { desc: 'Schema id.' }),
      f('$schema', str, 2, { desc: 'JSON Schema dialect.' }),
      f('$ref', str, 3, { keepZero: true, desc: 'Reference to another schema (not allowed in CRDs).' }),
      f('description', str, 4, { desc: 'Description of the value.' }),
      f('type', str, 5, { desc: 'JSON type of the value.' }),
      f('format', str, 6, { desc: 'Format of a string value, e.g. date-time.' }),
      f('title', str, 7, { desc: 'Title.' }),
      f('default', raw, 8, { desc: 'Default value.' }),
      f('maximum', f64, 9, { keepZero: true, desc: 'Largest allowed number.' }),
      f('exclusiveMaximum', bool, 10, { desc: 'Maximum itself is not allowed.' }),
      f('minimum', f64, 11, { keepZero: true, desc: 'Smallest allowed number.' }),
      f('exclusiveMinimum', bool, 12, { desc: 'Minimum itself is not allowed.' }),
      f('maxLength', i64, 13, { keepZero: true, desc: 'Longest allowed string.' }),
      f('minLength', i64, 14, { keepZero: true, desc: 'Shortest allowed string.' }),
      f('pattern', str, 15, { desc: 'Regular expression strings must match.' }),
      f('maxItems', i64, 16, { keepZero: true, desc: 'Most items allowed.' }),
      f('minItems', i64, 17, { keepZero: true, desc: 'Fewest items allowed.' }),
      f('uniqueItems', bool, 18, { desc: 'Items must be unique.' }),
      f('multipleOf', f64, 19, { keepZero: true, desc: 'Numbers must be a multiple of this.' }),
      f('enum', list(raw), 20, { listType: 'atomic', desc: 'Allowed values.' }),
      f('maxProperties', i64, 21, { keepZero: true, desc: 'Most properties allowed.' }),
      f('minProperties', i64, 22, { keepZero: true, desc: 'Fewest properties allowed.' }),
      f('required', list(str), 23, { listType: 'atomic', desc: 'Properties that must be present.' }),
      f('items', jsonOr('JSONSchemaPropsOrArray'), 24, { desc: 'Schema of array items.' }),
      f('allOf', list(ref('JSONSchemaProps')), 25, { listType: 'atomic', desc: 'Schemas that must all match.' }),
      f('oneOf', list(ref('JSONSchemaProps')), 26, { listType: 'atomic', desc: 'Schemas of which exactly one must match.' }),
      f('anyOf', list(ref('JSONSchemaProps')), 27, { listType: 'atomic', desc: 'Schemas of which at least one must match.' }),
      f('not', ref('JSONSchemaProps'), 28, { desc: 'Schema that must not match.' }),
      f('properties', map(ref('JSONSchemaProps')), 29, { desc: 'Schemas of known properties.' }),
      f('additionalProperties', jsonOr('JSONSchemaPropsOrBool'), 30, { desc: 'Schema of other properties, or whether they are allowed.' }),
      f('patternProperties', map(ref('JSONSchemaProps')), 31, { desc: 'Schemas of properties whose names match a pattern.' }),
      f('dependencies', map(jsonOr('JSONSchemaPropsOrStringArray')), 32, { desc: 'Property dependencies.' }),
      f('additionalItems', jsonOr('JSONSchemaPropsOrBool'), 33, { desc: 'Schema of extra array items.' }),
      f('definitions', map(ref('JSONSchemaProps')), 34, { desc: 'Named schemas.' }),
      f('externalDocs', ref('ExternalDocumentation'), 35, { desc: 'Link to external documentation.' }),
      f('example', raw, 36, { desc: 'Example value.' }),
      f('nullable', bool, 37, { desc: 'null is an allowed value.' }),
      f('x-kubernetes-preserve-unknown-fields', bool, 38, { keepZero: true, desc: 'Keep fields the schema does not declare.' }),
      f('x-kubernetes-embedded-resource', bool, 39, { desc: 'The value is an embedded object with apiVersion, kind and metadata.' }),
      f('x-kubernetes-int-or-string', bool, 40, { desc: 'The value is an integer or a string.' }),
      f('x-kubernetes-list-map-keys', list(str), 41, { listType: 'atomic', desc: 'Keys identifying items of a map list.' }),
      f('x-kubernetes-list-type', str, 42, { keepZero: true, desc: 'atomic, set or map.' }),
      f('x-kubernetes-map-type', str, 43, { keepZero: true, desc: 'atomic or granular.' }),
      f('x-kubernetes-validations', list(ref('ValidationRule')), 44, { mergeKey: 'rule', strategy: 'merge', listType: 'map', keys: ['rule'], desc: 'CEL validation rules.' }),
    ]);
    type('SelectableField', '', [
      f('jsonPath', str, 1, { required: true, keepZero: true, desc: 'JSON path of the value.' }),
    ]);
    type('ServiceReference', '', [
      f('namespace', str, 1, { required: true, keepZero: true, desc: 'Namespace the object or reference lives in.' }),
      f('name', str, 2, { required: true, keepZero: true, desc: 'Name, unique within its scope.' }),
      f('path', str, 3, { keepZero: true, desc: 'URL path of requests.' }),
      f('port', i32, 4, { keepZero: true, desc: 'Port number or name.' }),
    ]);
    type('ValidationRule', '', [
      f('rule', str, 1, { required: true, keepZero: true, desc: 'CEL expression that must hold.' }),
      f('message', str, 2, { desc: 'Human-readable detail.' }),
      f('messageExpression', str, 3, { desc: 'CEL expression producing the failure message.' }),
      f('reason', str, 4, { keepZero: true, desc: 'Machine-readable, CamelCase reason for the last transition.' }),
      f('fieldPath', str, 5, { desc: 'Path of the field.' }),
      f('optionalOldSelf', bool, 6, { keepZero: true, desc: 'Also evaluate on create, with oldSelf absent.' }),
    ]);
    type('WebhookClientConfig', '', [
      f('url', str, 3, { keepZero: true, desc: 'URL.' }),
      f('service', ref('ServiceReference'), 1, { desc: 'Service the webhook is reached through.' }),
      f('caBundle', bytes, 2, { desc: 'PEM CA bundle to verify the server.' }),
    ]);
    type('WebhookConversion', '', [
      f('clientConfig', ref('WebhookClientConfig'), 2, { desc: 'How to reach the webhook.' }),
      f('conversionReviewVersions', list(str), 3, { listType: 'atomic', required: true, desc: 'ConversionReview versions the webhook accepts.' }),
    ]);
  },
);
