// networking.k8s.io/v1 API types (protobuf package k8s.io.api.networking.v1).
import { pkg, f, ref, list, str, i32, ios } from '../dsl.js';

export default pkg(
  { alias: 'networking', openapi: 'io.k8s.api.networking.v1', protoPackage: 'k8s.io.api.networking.v1', group: 'networking.k8s.io', version: 'v1' },
  ({ kind, type }) => {
    type('HTTPIngressPath', '', [
      f('path', str, 1, { desc: 'Path to match.' }),
      f('pathType', str, 3, { required: true, keepZero: true, desc: 'Exact, Prefix or ImplementationSpecific.' }),
      f('backend', ref('IngressBackend'), 2, { required: true, desc: 'Where matching traffic is sent.' }),
    ]);
    type('HTTPIngressRuleValue', '', [
      f('paths', list(ref('HTTPIngressPath')), 1, { listType: 'atomic', required: true, desc: 'Path-based routes.' }),
    ]);
    type('IPBlock', '', [
      f('cidr', str, 1, { required: true, keepZero: true, desc: 'CIDR range.' }),
      f('except', list(str), 2, { listType: 'atomic', desc: 'CIDRs excluded from the range.' }),
    ]);
    kind('Ingress', 'HTTP routing from outside the cluster to Services.', [
      f('metadata', ref('meta.ObjectMeta'), 1, { desc: 'Standard object metadata: name, namespace, labels, annotations, owners.' }),
      f('spec', ref('IngressSpec'), 2, { desc: 'The desired state, as the user declares it.' }),
      f('status', ref('IngressStatus'), 3, { desc: 'The observed state, written by the system.' }),
    ]);
    type('IngressBackend', '', [
      f('service', ref('IngressServiceBackend'), 4, { desc: 'A Service backend.' }),
      f('resource', ref('core.TypedLocalObjectReference'), 3, { desc: 'A resource backend (object reference).' }),
    ]);
    kind('IngressClass', 'The controller that implements a class of Ingresses.', [
      f('metadata', ref('meta.ObjectMeta'), 1, { desc: 'Standard object metadata: name, namespace, labels, annotations, owners.' }),
      f('spec', ref('IngressClassSpec'), 2, { desc: 'The desired state, as the user declares it.' }),
    ]);
    kind('IngressClassList', 'A list of IngressClass objects.', [
      f('metadata', ref('meta.ListMeta'), 1, { desc: 'List metadata: resourceVersion and continue token.' }),
      f('items', list(ref('IngressClass')), 2, { required: true, desc: 'The objects in this list.' }),
    ]);
    type('IngressClassParametersReference', '', [
      f('apiGroup', str, 1, { keepZero: true, desc: 'API group of the referenced object.' }),
      f('kind', str, 2, { required: true, keepZero: true, desc: 'Kind of the referenced or described object.' }),
      f('name', str, 3, { required: true, keepZero: true, desc: 'Name, unique within its scope.' }),
      f('scope', str, 4, { keepZero: true, desc: 'Cluster or Namespace.' }),
      f('namespace', str, 5, { keepZero: true, desc: 'Namespace the object or reference lives in.' }),
    ]);
    type('IngressClassSpec', 'Desired state of a IngressClass.', [
      f('controller', str, 1, { desc: 'Name of the controller implementing the class.' }),
      f('parameters', ref('IngressClassParametersReference'), 2, { desc: 'Object holding controller parameters.' }),
    ]);
    kind('IngressList', 'A list of Ingress objects.', [
      f('metadata', ref('meta.ListMeta'), 1, { desc: 'List metadata: resourceVersion and continue token.' }),
      f('items', list(ref('Ingress')), 2, { required: true, desc: 'The objects in this list.' }),
    ]);
    type('IngressLoadBalancerIngress', '', [
      f('ip', str, 1, { desc: 'IP address.' }),
      f('hostname', str, 2, { desc: 'Host name of the load balancer.' }),
      f('ports', list(ref('IngressPortStatus')), 4, { listType: 'atomic', desc: 'Status of the load balancer ports.' }),
    ]);
    type('IngressLoadBalancerStatus', '', [
      f('ingress', list(ref('IngressLoadBalancerIngress')), 1, { listType: 'atomic', desc: 'Ingress points of the load balancer.' }),
    ]);
    type('IngressPortStatus', '', [
      f('port', i32, 1, { required: true, keepZero: true, desc: 'Port number or name.' }),
      f('protocol', str, 2, { required: true, keepZero: true, desc: 'TCP, UDP or SCTP.' }),
      f('error', str, 3, { keepZero: true, desc: 'Error, if any.' }),
    ]);
    type('IngressRule', '', [
      f('host', str, 1, { desc: 'Host name the rule applies to.' }),
      f('ingressRuleValue', ref('IngressRuleValue'), 2, { inline: true }),
    ]);
    type('IngressRuleValue', '', [
      f('http', ref('HTTPIngressRuleValue'), 1, { desc: 'HTTP routing rules.' }),
    ]);
    type('IngressServiceBackend', '', [
      f('name', str, 1, { required: true, keepZero: true, desc: 'Name, unique within its scope.' }),
      f('port', ref('ServiceBackendPort'), 2, { desc: 'Port number or name.' }),
    ]);
    type('IngressSpec', 'Desired state of a Ingress.', [
      f('ingressClassName', str, 4, { keepZero: true, desc: 'IngressClass that implements this Ingress.' }),
      f('defaultBackend', ref('IngressBackend'), 1, { desc: 'Backend for requests no rule matches.' }),
      f('tls', list(ref('IngressTLS')), 2, { listType: 'atomic', desc: 'TLS configuration.' }),
      f('rules', list(ref('IngressRule')), 3, { listType: 'atomic', desc: 'Host and path routing rules.' }),
    ]);
    type('IngressStatus', 'Observed state of a Ingress.', [
      f('loadBalancer', ref('IngressLoadBalancerStatus'), 1, { desc: 'Load balancer status.' }),
    ]);
    type('IngressTLS', '', [
      f('hosts', list(str), 1, { listType: 'atomic', desc: 'Host names covered.' }),
      f('secretName', str, 2, { desc: 'Name of the Secret.' }),
    ]);
    kind('NetworkPolicy', 'Which traffic is allowed to and from selected pods.', [
      f('metadata', ref('meta.ObjectMeta'), 1, { desc: 'Standard object metadata: name, namespace, labels, annotations, owners.' }),
      f('spec', ref('NetworkPolicySpec'), 2, { desc: 'The desired state, as the user declares it.' }),
    ]);
    type('NetworkPolicyEgressRule', '', [
      f('ports', list(ref('NetworkPolicyPort')), 1, { listType: 'atomic', desc: 'Ports the rule allows.' }),
      f('to', list(ref('NetworkPolicyPeer')), 2, { listType: 'atomic', desc: 'Allowed destinations.' }),
    ]);
    type('NetworkPolicyIngressRule', '', [
      f('ports', list(ref('NetworkPolicyPort')), 1, { listType: 'atomic', desc: 'Ports the rule allows.' }),
      f('from', list(ref('NetworkPolicyPeer')), 2, { listType: 'atomic', desc: 'Allowed sources.' }),
    ]);
    kind('NetworkPolicyList', 'A list of NetworkPolicy objects.', [
      f('metadata', ref('meta.ListMeta'), 1, { desc: 'List metadata: resourceVersion and continue token.' }),
      f('items', list(ref('NetworkPolicy')), 2, { required: true, desc: 'The objects in this list.' }),
    ]);
    type('NetworkPolicyPeer', '', [
      f('podSelector', ref('meta.LabelSelector'), 1, { desc: 'Pods allowed, by label.' }),
      f('namespaceSelector', ref('meta.LabelSelector'), 2, { desc: 'Label query over namespaces.' }),
      f('ipBlock', ref('IPBlock'), 3, { desc: 'A CIDR range.' }),
    ]);
    type('NetworkPolicyPort', '', [
      f('protocol', str, 1, { keepZero: true, desc: 'TCP, UDP or SCTP.' }),
      f('port', ios, 2, { desc: 'Port number or name.' }),
      f('endPort', i32, 3, { keepZero: true, desc: 'Last port of a range starting at port.' }),
    ]);
    type('NetworkPolicySpec', 'Desired state of a NetworkPolicy.', [
      f('podSelector', ref('meta.LabelSelector'), 1, { required: true, desc: 'Pods the policy applies to.' }),
      f('ingress', list(ref('NetworkPolicyIngressRule')), 2, { listType: 'atomic', desc: 'Allowed incoming traffic.' }),
      f('egress', list(ref('NetworkPolicyEgressRule')), 3, { listType: 'atomic', desc: 'Allowed outgoing traffic.' }),
      f('policyTypes', list(str), 4, { listType: 'atomic', desc: 'Ingress, Egress or both.' }),
    ]);
    type('ServiceBackendPort', '', [
      f('name', str, 1, { desc: 'Name, unique within its scope.' }),
      f('number', i32, 2, { desc: 'Port number.' }),
    ]);
  },
);
