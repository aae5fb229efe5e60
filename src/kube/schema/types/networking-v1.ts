// networking.k8s.io/v1 API types (protobuf package k8s.io.api.networking.v1).
import { pkg, f, ref, list, str, i32, ios } from '../dsl.js';

export default pkg(
  { alias: 'networking', openapi: 'io.k8s.api.networking.v1', protoPackage: 'k8s.io.api.networking.v1', group: 'networking.k8s.io', version: 'v1' },
  ({ kind, type }) => {
    type('HTTPIngressPath', '', [
      f('path', str, 1),
      f('pathType', str, 3, { required: true }),
      f('backend', ref('IngressBackend'), 2, { required: true }),
    ]);
    type('HTTPIngressRuleValue', '', [
      f('paths', list(ref('HTTPIngressPath')), 1, { listType: 'atomic', required: true }),
    ]);
    type('IPBlock', '', [
      f('cidr', str, 1, { required: true }),
      f('except', list(str), 2, { listType: 'atomic' }),
    ]);
    kind('Ingress', '', [
      f('metadata', ref('meta.ObjectMeta'), 1),
      f('spec', ref('IngressSpec'), 2),
      f('status', ref('IngressStatus'), 3),
    ]);
    type('IngressBackend', '', [
      f('service', ref('IngressServiceBackend'), 4),
      f('resource', ref('core.TypedLocalObjectReference'), 3),
    ]);
    kind('IngressClass', '', [
      f('metadata', ref('meta.ObjectMeta'), 1),
      f('spec', ref('IngressClassSpec'), 2),
    ]);
    kind('IngressClassList', '', [
      f('metadata', ref('meta.ListMeta'), 1),
      f('items', list(ref('IngressClass')), 2, { required: true }),
    ]);
    type('IngressClassParametersReference', '', [
      f('apiGroup', str, 1),
      f('kind', str, 2, { required: true }),
      f('name', str, 3, { required: true }),
      f('scope', str, 4),
      f('namespace', str, 5),
    ]);
    type('IngressClassSpec', '', [
      f('controller', str, 1),
      f('parameters', ref('IngressClassParametersReference'), 2),
    ]);
    kind('IngressList', '', [
      f('metadata', ref('meta.ListMeta'), 1),
      f('items', list(ref('Ingress')), 2, { required: true }),
    ]);
    type('IngressLoadBalancerIngress', '', [
      f('ip', str, 1),
      f('hostname', str, 2),
      f('ports', list(ref('IngressPortStatus')), 4, { listType: 'atomic' }),
    ]);
    type('IngressLoadBalancerStatus', '', [
      f('ingress', list(ref('IngressLoadBalancerIngress')), 1, { listType: 'atomic' }),
    ]);
    type('IngressPortStatus', '', [
      f('port', i32, 1, { required: true }),
      f('protocol', str, 2, { required: true }),
      f('error', str, 3),
    ]);
    type('IngressRule', '', [
      f('host', str, 1),
      f('ingressRuleValue', ref('IngressRuleValue'), 2, { inline: true }),
    ]);
    type('IngressRuleValue', '', [
      f('http', ref('HTTPIngressRuleValue'), 1),
    ]);
    type('IngressServiceBackend', '', [
      f('name', str, 1, { required: true }),
      f('port', ref('ServiceBackendPort'), 2),
    ]);
    type('IngressSpec', '', [
      f('ingressClassName', str, 4),
      f('defaultBackend', ref('IngressBackend'), 1),
      f('tls', list(ref('IngressTLS')), 2, { listType: 'atomic' }),
      f('rules', list(ref('IngressRule')), 3, { listType: 'atomic' }),
    ]);
    type('IngressStatus', '', [
      f('loadBalancer', ref('IngressLoadBalancerStatus'), 1),
    ]);
    type('IngressTLS', '', [
      f('hosts', list(str), 1, { listType: 'atomic' }),
      f('secretName', str, 2),
    ]);
    kind('NetworkPolicy', '', [
      f('metadata', ref('meta.ObjectMeta'), 1),
      f('spec', ref('NetworkPolicySpec'), 2),
    ]);
    type('NetworkPolicyEgressRule', '', [
      f('ports', list(ref('NetworkPolicyPort')), 1, { listType: 'atomic' }),
      f('to', list(ref('NetworkPolicyPeer')), 2, { listType: 'atomic' }),
    ]);
    type('NetworkPolicyIngressRule', '', [
      f('ports', list(ref('NetworkPolicyPort')), 1, { listType: 'atomic' }),
      f('from', list(ref('NetworkPolicyPeer')), 2, { listType: 'atomic' }),
    ]);
    kind('NetworkPolicyList', '', [
      f('metadata', ref('meta.ListMeta'), 1),
      f('items', list(ref('NetworkPolicy')), 2, { required: true }),
    ]);
    type('NetworkPolicyPeer', '', [
      f('podSelector', ref('meta.LabelSelector'), 1),
      f('namespaceSelector', ref('meta.LabelSelector'), 2),
      f('ipBlock', ref('IPBlock'), 3),
    ]);
    type('NetworkPolicyPort', '', [
      f('protocol', str, 1),
      f('port', ios, 2),
      f('endPort', i32, 3),
    ]);
    type('NetworkPolicySpec', '', [
      f('podSelector', ref('meta.LabelSelector'), 1, { required: true }),
      f('ingress', list(ref('NetworkPolicyIngressRule')), 2, { listType: 'atomic' }),
      f('egress', list(ref('NetworkPolicyEgressRule')), 3, { listType: 'atomic' }),
      f('policyTypes', list(str), 4, { listType: 'atomic' }),
    ]);
    type('ServiceBackendPort', '', [
      f('name', str, 1),
      f('number', i32, 2),
    ]);
  },
);
