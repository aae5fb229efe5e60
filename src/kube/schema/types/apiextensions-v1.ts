// apiextensions.k8s.io/v1 API types (protobuf package k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1).
import { pkg, f, ref, list, map, str, i32, i64, bool, f64, bytes, time, raw, jsonOr } from '../dsl.js';

export default pkg(
  { alias: 'apiextensions', openapi: 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1', protoPackage: 'k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1', group: 'apiextensions.k8s.io', version: 'v1' },
  ({ kind, type }) => {
    type('CustomResourceColumnDefinition', '', [
      f('name', str, 1, { required: true }),
      f('type', str, 2, { required: true }),
      f('format', str, 3),
      f('description', str, 4),
      f('priority', i32, 5),
      f('jsonPath', str, 6, { required: true }),
    ]);
    type('CustomResourceConversion', '', [
      f('strategy', str, 1, { required: true }),
      f('webhook', ref('WebhookConversion'), 2),
    ]);
    kind('CustomResourceDefinition', '', [
      f('metadata', ref('meta.ObjectMeta'), 1),
      f('spec', ref('CustomResourceDefinitionSpec'), 2, { required: true }),
      f('status', ref('CustomResourceDefinitionStatus'), 3),
    ]);
    type('CustomResourceDefinitionCondition', '', [
      f('type', str, 1, { required: true }),
      f('status', str, 2, { required: true }),
      f('lastTransitionTime', time, 3),
      f('reason', str, 4),
      f('message', str, 5),
    ]);
    kind('CustomResourceDefinitionList', '', [
      f('metadata', ref('meta.ListMeta'), 1),
      f('items', list(ref('CustomResourceDefinition')), 2, { required: true }),
    ]);
    type('CustomResourceDefinitionNames', '', [
      f('plural', str, 1, { required: true }),
      f('singular', str, 2),
      f('shortNames', list(str), 3, { listType: 'atomic' }),
      f('kind', str, 4, { required: true }),
      f('listKind', str, 5),
      f('categories', list(str), 6, { listType: 'atomic' }),
    ]);
    type('CustomResourceDefinitionSpec', '', [
      f('group', str, 1, { required: true }),
      f('names', ref('CustomResourceDefinitionNames'), 3, { required: true }),
      f('scope', str, 4, { required: true }),
      f('versions', list(ref('CustomResourceDefinitionVersion')), 7, { listType: 'atomic', required: true }),
      f('conversion', ref('CustomResourceConversion'), 9),
      f('preserveUnknownFields', bool, 10),
    ]);
    type('CustomResourceDefinitionStatus', '', [
      f('conditions', list(ref('CustomResourceDefinitionCondition')), 1, { listType: 'map', keys: ['type'] }),
      f('acceptedNames', ref('CustomResourceDefinitionNames'), 2),
      f('storedVersions', list(str), 3, { listType: 'atomic' }),
    ]);
    type('CustomResourceDefinitionVersion', '', [
      f('name', str, 1, { required: true }),
      f('served', bool, 2, { required: true }),
      f('storage', bool, 3, { required: true }),
      f('deprecated', bool, 7),
      f('deprecationWarning', str, 8),
      f('$schema', ref('CustomResourceValidation'), 4),
      f('subresources', ref('CustomResourceSubresources'), 5),
      f('additionalPrinterColumns', list(ref('CustomResourceColumnDefinition')), 6, { listType: 'atomic' }),
      f('selectableFields', list(ref('SelectableField')), 9, { listType: 'atomic' }),
    ]);
    type('CustomResourceSubresourceScale', '', [
      f('specReplicasPath', str, 1, { required: true }),
      f('statusReplicasPath', str, 2, { required: true }),
      f('labelSelectorPath', str, 3),
    ]);
    type('CustomResourceSubresourceStatus', '', [
    ]);
    type('CustomResourceSubresources', '', [
      f('status', ref('CustomResourceSubresourceStatus'), 1),
      f('scale', ref('CustomResourceSubresourceScale'), 2),
    ]);
    type('CustomResourceValidation', '', [
      f('openAPIV3Schema', ref('JSONSchemaProps'), 1),
    ]);
    type('ExternalDocumentation', '', [
      f('description', str, 1),
      f('url', str, 2),
    ]);
    type('JSONSchemaProps', '', [
      f('id', str, 1),
      f('$schema', str, 2),
      f('$ref', str, 3),
      f('description', str, 4),
      f('type', str, 5),
      f('format', str, 6),
      f('title', str, 7),
      f('default', raw, 8),
      f('maximum', f64, 9),
      f('exclusiveMaximum', bool, 10),
      f('minimum', f64, 11),
      f('exclusiveMinimum', bool, 12),
      f('maxLength', i64, 13),
      f('minLength', i64, 14),
      f('pattern', str, 15),
      f('maxItems', i64, 16),
      f('minItems', i64, 17),
      f('uniqueItems', bool, 18),
      f('multipleOf', f64, 19),
      f('enum', list(raw), 20, { listType: 'atomic' }),
      f('maxProperties', i64, 21),
      f('minProperties', i64, 22),
      f('required', list(str), 23, { listType: 'atomic' }),
      f('items', jsonOr('JSONSchemaPropsOrArray'), 24),
      f('allOf', list(ref('JSONSchemaProps')), 25, { listType: 'atomic' }),
      f('oneOf', list(ref('JSONSchemaProps')), 26, { listType: 'atomic' }),
      f('anyOf', list(ref('JSONSchemaProps')), 27, { listType: 'atomic' }),
      f('not', ref('JSONSchemaProps'), 28),
      f('properties', map(ref('JSONSchemaProps')), 29),
      f('additionalProperties', jsonOr('JSONSchemaPropsOrBool'), 30),
      f('patternProperties', map(ref('JSONSchemaProps')), 31),
      f('dependencies', map(jsonOr('JSONSchemaPropsOrStringArray')), 32),
      f('additionalItems', jsonOr('JSONSchemaPropsOrBool'), 33),
      f('definitions', map(ref('JSONSchemaProps')), 34),
      f('externalDocs', ref('ExternalDocumentation'), 35),
      f('example', raw, 36),
      f('nullable', bool, 37),
      f('x-kubernetes-preserve-unknown-fields', bool, 38),
      f('x-kubernetes-embedded-resource', bool, 39),
      f('x-kubernetes-int-or-string', bool, 40),
      f('x-kubernetes-list-map-keys', list(str), 41, { listType: 'atomic' }),
      f('x-kubernetes-list-type', str, 42),
      f('x-kubernetes-map-type', str, 43),
      f('x-kubernetes-validations', list(ref('ValidationRule')), 44, { mergeKey: 'rule', strategy: 'merge', listType: 'map', keys: ['rule'] }),
    ]);
    type('SelectableField', '', [
      f('jsonPath', str, 1, { required: true }),
    ]);
    type('ServiceReference', '', [
      f('namespace', str, 1, { required: true }),
      f('name', str, 2, { required: true }),
      f('path', str, 3),
      f('port', i32, 4),
    ]);
    type('ValidationRule', '', [
      f('rule', str, 1, { required: true }),
      f('message', str, 2),
      f('messageExpression', str, 3),
      f('reason', str, 4),
      f('fieldPath', str, 5),
      f('optionalOldSelf', bool, 6),
    ]);
    type('WebhookClientConfig', '', [
      f('url', str, 3),
      f('service', ref('ServiceReference'), 1),
      f('caBundle', bytes, 2),
    ]);
    type('WebhookConversion', '', [
      f('clientConfig', ref('WebhookClientConfig'), 2),
      f('conversionReviewVersions', list(str), 3, { listType: 'atomic', required: true }),
    ]);
  },
);
