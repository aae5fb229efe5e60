// certificates.k8s.io/v1 API types (protobuf package k8s.io.api.certificates.v1).
import { pkg, f, ref, list, listw, map, str, i32, bytes, time } from '../dsl.js';

export default pkg(
  { alias: 'certificates', openapi: 'io.k8s.api.certificates.v1', protoPackage: 'k8s.io.api.certificates.v1', group: 'certificates.k8s.io', version: 'v1' },
  ({ kind, type }) => {
    kind('CertificateSigningRequest', 'A request for a certificate signed by a named signer.', [
      f('metadata', ref('meta.ObjectMeta'), 1, { desc: 'Standard object metadata: name, namespace, labels, annotations, owners.' }),
      f('spec', ref('CertificateSigningRequestSpec'), 2, { required: true, desc: 'The desired state, as the user declares it.' }),
      f('status', ref('CertificateSigningRequestStatus'), 3, { desc: 'The observed state, written by the system.' }),
    ]);
    type('CertificateSigningRequestCondition', 'One condition of a CertificateSigningRequest: Approved, Denied or Failed.', [
      f('type', str, 1, { required: true, keepZero: true, desc: 'Type of this entry.' }),
      f('status', str, 6, { required: true, keepZero: true, desc: 'True, False or Unknown.' }),
      f('reason', str, 2, { desc: 'Machine-readable, CamelCase reason for the last transition.' }),
      f('message', str, 3, { desc: 'Human-readable detail.' }),
      f('lastUpdateTime', time, 4, { desc: 'When the condition was last updated.' }),
      f('lastTransitionTime', time, 5, { desc: 'When the condition last changed status.' }),
    ]);
    kind('CertificateSigningRequestList', 'A list of CertificateSigningRequest objects.', [
      f('metadata', ref('meta.ListMeta'), 1, { desc: 'List metadata: resourceVersion and continue token.' }),
      f('items', list(ref('CertificateSigningRequest')), 2, { required: true, desc: 'The objects in this list.' }),
    ]);
    type('CertificateSigningRequestSpec', 'Desired state of a CertificateSigningRequest.', [
      f('request', bytes, 1, { listType: 'atomic', required: true, keepZero: true, desc: 'PEM-encoded PKCS#10 certificate request.' }),
      f('signerName', str, 7, { required: true, keepZero: true, desc: 'The signer asked to sign, e.g. kubernetes.io/kube-apiserver-client.' }),
      f('expirationSeconds', i32, 8, { keepZero: true, desc: 'Requested validity of the certificate, in seconds.' }),
      f('usages', list(str), 5, { listType: 'atomic', desc: 'Key usages requested, e.g. digital signature, client auth.' }),
      f('username', str, 2, { desc: 'User who created the request (set by the server).' }),
      f('uid', str, 3, { desc: 'Uid of that user (set by the server).' }),
      f('groups', list(str), 4, { listType: 'atomic', desc: 'Groups of that user (set by the server).' }),
      f('extra', map(listw(str)), 6, { desc: 'Extra attributes of that user (set by the server).' }),
    ]);
    type('CertificateSigningRequestStatus', 'Observed state of a CertificateSigningRequest.', [
      f('conditions', list(ref('CertificateSigningRequestCondition')), 1, { listType: 'map', keys: ['type'], desc: 'Approved, Denied and Failed conditions.' }),
      f('certificate', bytes, 2, { listType: 'atomic', desc: 'The issued certificate, PEM-encoded, once signed.' }),
    ]);
  },
);
