// admissionregistration.k8s.io/v1 API types (protobuf package k8s.io.api.admissionregistration.v1).
import { pkg, f, ref, list, str, i32, i64, bytes } from '../dsl.js';

export default pkg(
  { alias: 'admissionregistration', openapi: 'io.k8s.api.admissionregistration.v1', protoPackage: 'k8s.io.api.admissionregistration.v1', group: 'admissionregistration.k8s.io', version: 'v1' },
  ({ kind, type }) => {
    type('AuditAnnotation', 'An audit annotation a policy adds to the audit event of a request it evaluates.', [
      f('key', str, 1, { required: true, keepZero: true, desc: 'Key of the audit annotation.' }),
      f('valueExpression', str, 2, { required: true, keepZero: true, desc: 'CEL expression whose string value becomes the annotation value.' }),
    ]);
    type('ExpressionWarning', 'A type-checking warning about one expression of a policy.', [
      f('fieldRef', str, 2, { required: true, keepZero: true, desc: 'Path of the expression within the policy.' }),
      f('warning', str, 3, { required: true, keepZero: true, desc: 'The type-checking warning.' }),
    ]);
    type('MatchCondition', 'A CEL expression a request must satisfy for the webhook or policy to apply.', [
      f('name', str, 1, { required: true, keepZero: true, desc: 'Name, unique within its scope.' }),
      f('expression', str, 2, { required: true, keepZero: true, desc: 'CEL expression.' }),
    ]);
    type('MatchResources', 'Which requests a policy or binding applies to.', [
      f('namespaceSelector', ref('meta.LabelSelector'), 1, { desc: 'Only requests for objects in namespaces matching this selector.' }),
      f('objectSelector', ref('meta.LabelSelector'), 2, { desc: 'Only requests for objects whose labels match this selector.' }),
      f('resourceRules', list(ref('NamedRuleWithOperations')), 3, { listType: 'atomic', desc: 'Operations and resources the policy applies to.' }),
      f('excludeResourceRules', list(ref('NamedRuleWithOperations')), 4, { listType: 'atomic', desc: 'Operations and resources the policy does not apply to.' }),
      f('matchPolicy', str, 7, { keepZero: true, desc: 'Exact or Equivalent: whether requests through other versions of a resource match.' }),
    ]);
    type('MutatingWebhook', 'One mutating admission webhook and the requests it is called for.', [
      f('name', str, 1, { required: true, keepZero: true, desc: 'Name, unique within its scope.' }),
      f('clientConfig', ref('WebhookClientConfig'), 2, { required: true, desc: 'How to reach the webhook.' }),
      f('rules', list(ref('RuleWithOperations')), 3, { listType: 'atomic', desc: 'Operations and resources the webhook is called for.' }),
      f('failurePolicy', str, 4, { keepZero: true, desc: 'Ignore or Fail: what happens when the call fails.' }),
      f('matchPolicy', str, 9, { keepZero: true, desc: 'Exact or Equivalent: whether requests through other versions of a resource match.' }),
      f('namespaceSelector', ref('meta.LabelSelector'), 5, { desc: 'Only requests for objects in namespaces matching this selector.' }),
      f('objectSelector', ref('meta.LabelSelector'), 11, { desc: 'Only requests for objects whose labels match this selector.' }),
      f('sideEffects', str, 6, { keepZero: true, desc: 'None or NoneOnDryRun: whether the webhook has effects outside the object.' }),
      f('timeoutSeconds', i32, 7, { keepZero: true, desc: 'Seconds the call may take (1 to 30, default 10).' }),
      f('admissionReviewVersions', list(str), 8, { listType: 'atomic', required: true, desc: 'AdmissionReview versions the webhook accepts, preferred first.' }),
      f('reinvocationPolicy', str, 10, { keepZero: true, desc: 'Never or IfNeeded: whether the webhook is called again after later mutations.' }),
      f('matchConditions', list(ref('MatchCondition')), 12, { mergeKey: 'name', strategy: 'merge', listType: 'map', keys: ['name'], desc: 'CEL conditions a request must meet; all must be true.' }),
    ]);
    kind('MutatingWebhookConfiguration', 'Admission webhooks that may change the objects of matching requests.', [
      f('metadata', ref('meta.ObjectMeta'), 1, { desc: 'Standard object metadata: name, namespace, labels, annotations, owners.' }),
      f('webhooks', list(ref('MutatingWebhook')), 2, { mergeKey: 'name', strategy: 'merge', listType: 'map', keys: ['name'], desc: 'The webhooks.' }),
    ]);
    kind('MutatingWebhookConfigurationList', 'A list of MutatingWebhookConfiguration objects.', [
      f('metadata', ref('meta.ListMeta'), 1, { desc: 'List metadata: resourceVersion and continue token.' }),
      f('items', list(ref('MutatingWebhookConfiguration')), 2, { required: true, desc: 'The objects in this list.' }),
    ]);
    type('NamedRuleWithOperations', 'A rule with operations, optionally limited to objects of given names.', [
      f('resourceNames', list(str), 1, { listType: 'atomic', desc: 'Object names the rule is limited to; empty means all.' }),
      f('ruleWithOperations', ref('RuleWithOperations'), 2, { inline: true }),
    ]);
    type('ParamKind', 'The kind of the parameter resources of a policy.', [
      f('apiVersion', str, 1, { desc: 'API group/version of the referenced or described object.' }),
      f('kind', str, 2, { desc: 'Kind of the referenced or described object.' }),
    ]);
    type('ParamRef', 'The parameter resource(s) a binding passes to its policy.', [
      f('name', str, 1, { desc: 'Name, unique within its scope.' }),
      f('namespace', str, 2, { desc: 'Namespace of the referenced object.' }),
      f('selector', ref('meta.LabelSelector'), 3, { desc: 'Label query selecting the objects this one manages or targets.' }),
      f('parameterNotFoundAction', str, 4, { keepZero: true, desc: 'Allow or Deny when no parameter resource is found.' }),
    ]);
    type('Rule', 'API groups, versions and resources a rule matches.', [
      f('apiGroups', list(str), 1, { listType: 'atomic', desc: 'API groups matched; "*" means all.' }),
      f('apiVersions', list(str), 2, { listType: 'atomic', desc: 'API versions matched; "*" means all.' }),
      f('resources', list(str), 3, { listType: 'atomic', desc: 'Resources matched, "pods", "pods/status" or "*".' }),
      f('scope', str, 4, { keepZero: true, desc: 'Cluster, Namespaced or "*".' }),
    ]);
    type('RuleWithOperations', 'Operations and resources a rule matches.', [
      f('operations', list(str), 1, { listType: 'atomic', desc: 'CREATE, UPDATE, DELETE, CONNECT or "*".' }),
      f('rule', ref('Rule'), 2, { inline: true }),
    ]);
    type('ServiceReference', 'An in-cluster Service that serves a webhook.', [
      f('namespace', str, 1, { required: true, keepZero: true, desc: 'Namespace of the referenced object.' }),
      f('name', str, 2, { required: true, keepZero: true, desc: 'Name, unique within its scope.' }),
      f('path', str, 3, { keepZero: true, desc: 'URL path of requests to the Service.' }),
      f('port', i32, 4, { keepZero: true, desc: 'Port of the Service (default 443).' }),
    ]);
    type('TypeChecking', "Results of type-checking a policy's expressions.", [
      f('expressionWarnings', list(ref('ExpressionWarning')), 1, { listType: 'atomic', desc: 'Warnings per expression.' }),
    ]);
    kind('ValidatingAdmissionPolicy', 'An in-process admission policy of CEL validations.', [
      f('metadata', ref('meta.ObjectMeta'), 1, { desc: 'Standard object metadata: name, namespace, labels, annotations, owners.' }),
      f('spec', ref('ValidatingAdmissionPolicySpec'), 2, { desc: 'The desired state, as the user declares it.' }),
      f('status', ref('ValidatingAdmissionPolicyStatus'), 3, { desc: 'The observed state, written by the system.' }),
    ]);
    kind('ValidatingAdmissionPolicyBinding', 'Binds a ValidatingAdmissionPolicy to resources and parameters.', [
      f('metadata', ref('meta.ObjectMeta'), 1, { desc: 'Standard object metadata: name, namespace, labels, annotations, owners.' }),
      f('spec', ref('ValidatingAdmissionPolicyBindingSpec'), 2, { desc: 'The desired state, as the user declares it.' }),
    ]);
    kind('ValidatingAdmissionPolicyBindingList', 'A list of ValidatingAdmissionPolicyBinding objects.', [
      f('metadata', ref('meta.ListMeta'), 1, { desc: 'List metadata: resourceVersion and continue token.' }),
      f('items', list(ref('ValidatingAdmissionPolicyBinding')), 2, { required: true, desc: 'The objects in this list.' }),
    ]);
    type('ValidatingAdmissionPolicyBindingSpec', 'Desired state of a ValidatingAdmissionPolicyBinding.', [
      f('policyName', str, 1, { desc: 'Name of the bound ValidatingAdmissionPolicy.' }),
      f('paramRef', ref('ParamRef'), 2, { desc: 'The parameter resource(s) passed to the policy.' }),
      f('matchResources', ref('MatchResources'), 3, { desc: 'Further limits the requests the bound policy applies to.' }),
      f('validationActions', list(str), 4, { listType: 'set', desc: 'Deny, Warn and/or Audit: what a failed validation does.' }),
    ]);
    kind('ValidatingAdmissionPolicyList', 'A list of ValidatingAdmissionPolicy objects.', [
      f('metadata', ref('meta.ListMeta'), 1, { desc: 'List metadata: resourceVersion and continue token.' }),
      f('items', list(ref('ValidatingAdmissionPolicy')), 2, { required: true, desc: 'The objects in this list.' }),
    ]);
    type('ValidatingAdmissionPolicySpec', 'Desired state of a ValidatingAdmissionPolicy.', [
      f('paramKind', ref('ParamKind'), 1, { desc: 'Kind of the parameter resources, when the policy takes parameters.' }),
      f('matchConstraints', ref('MatchResources'), 2, { desc: 'Which requests the policy applies to.' }),
      f('validations', list(ref('Validation')), 3, { listType: 'atomic', desc: 'The CEL validations.' }),
      f('failurePolicy', str, 4, { keepZero: true, desc: 'Ignore or Fail: what happens when the call fails.' }),
      f('auditAnnotations', list(ref('AuditAnnotation')), 5, { listType: 'atomic', desc: 'Annotations added to the audit event.' }),
      f('matchConditions', list(ref('MatchCondition')), 6, { mergeKey: 'name', strategy: 'merge', listType: 'map', keys: ['name'], desc: 'CEL conditions a request must meet; all must be true.' }),
      f('variables', list(ref('Variable')), 7, { mergeKey: 'name', strategy: 'merge', listType: 'map', keys: ['name'], desc: 'Named expressions usable by the other expressions.' }),
    ]);
    type('ValidatingAdmissionPolicyStatus', 'Observed state of a ValidatingAdmissionPolicy.', [
      f('observedGeneration', i64, 1, { desc: 'The metadata.generation this status reflects.' }),
      f('typeChecking', ref('TypeChecking'), 2, { desc: 'Type-checking results of the expressions.' }),
      f('conditions', list(ref('meta.Condition')), 3, { listType: 'map', keys: ['type'], desc: "Latest observations of the object's state." }),
    ]);
    type('ValidatingWebhook', 'One validating admission webhook and the requests it is called for.', [
      f('name', str, 1, { required: true, keepZero: true, desc: 'Name, unique within its scope.' }),
      f('clientConfig', ref('WebhookClientConfig'), 2, { required: true, desc: 'How to reach the webhook.' }),
      f('rules', list(ref('RuleWithOperations')), 3, { listType: 'atomic', desc: 'Operations and resources the webhook is called for.' }),
      f('failurePolicy', str, 4, { keepZero: true, desc: 'Ignore or Fail: what happens when the call fails.' }),
      f('matchPolicy', str, 9, { keepZero: true, desc: 'Exact or Equivalent: whether requests through other versions of a resource match.' }),
      f('namespaceSelector', ref('meta.LabelSelector'), 5, { desc: 'Only requests for objects in namespaces matching this selector.' }),
      f('objectSelector', ref('meta.LabelSelector'), 10, { desc: 'Only requests for objects whose labels match this selector.' }),
      f('sideEffects', str, 6, { keepZero: true, desc: 'None or NoneOnDryRun: whether the webhook has effects outside the object.' }),
      f('timeoutSeconds', i32, 7, { keepZero: true, desc: 'Seconds the call may take (1 to 30, default 10).' }),
      f('admissionReviewVersions', list(str), 8, { listType: 'atomic', required: true, desc: 'AdmissionReview versions the webhook accepts, preferred first.' }),
      f('matchConditions', list(ref('MatchCondition')), 11, { mergeKey: 'name', strategy: 'merge', listType: 'map', keys: ['name'], desc: 'CEL conditions a request must meet; all must be true.' }),
    ]);
    kind('ValidatingWebhookConfiguration', 'Admission webhooks that may accept or reject matching requests.', [
      f('metadata', ref('meta.ObjectMeta'), 1, { desc: 'Standard object metadata: name, namespace, labels, annotations, owners.' }),
      f('webhooks', list(ref('ValidatingWebhook')), 2, { mergeKey: 'name', strategy: 'merge', listType: 'map', keys: ['name'], desc: 'The webhooks.' }),
    ]);
    kind('ValidatingWebhookConfigurationList', 'A list of ValidatingWebhookConfiguration objects.', [
      f('metadata', ref('meta.ListMeta'), 1, { desc: 'List metadata: resourceVersion and continue token.' }),
      f('items', list(ref('ValidatingWebhookConfiguration')), 2, { required: true, desc: 'The objects in this list.' }),
    ]);
    type('Validation', 'One CEL validation of a policy.', [
      f('expression', str, 1, { required: true, keepZero: true, desc: 'CEL expression.' }),
      f('message', str, 2, { desc: 'Human-readable detail.' }),
      f('reason', str, 3, { keepZero: true, desc: 'Machine-readable reason returned with the failure.' }),
      f('messageExpression', str, 4, { desc: 'CEL expression producing the failure message.' }),
    ]);
    type('Variable', 'A named CEL expression other expressions of the policy can refer to.', [
      f('name', str, 1, { required: true, keepZero: true, desc: 'Name, unique within its scope.' }),
      f('expression', str, 2, { required: true, keepZero: true, desc: 'CEL expression.' }),
    ]);
    type('WebhookClientConfig', 'How the API server reaches a webhook: a URL or a Service.', [
      f('url', str, 3, { keepZero: true, desc: 'HTTPS URL of the webhook.' }),
      f('service', ref('ServiceReference'), 1, { desc: 'Service that serves the webhook.' }),
      f('caBundle', bytes, 2, { desc: "PEM CA bundle that verifies the webhook's certificate." }),
    ]);
  },
);
