// certificates.k8s.io/v1: CertificateSigningRequests (stored and printed; the
// runtime has no signer controller).
import type { KubeObject } from '../../../apimachinery/types.js';
import type { FieldError, ResourceDef } from './types.js';
import { Path, required, invalid } from './field.js';
import { AGE_COL, ALL_VERBS, NAME_COL, age, arr, col, num, obj, statusSub, str } from './common.js';
import { humanDuration } from './common.js';
import { metaErrors } from './validation.js';
import { isQualifiedName } from '../../../apimachinery/validation.js';

function validate(o: KubeObject, old?: KubeObject): FieldError[] {
  const errs = metaErrors(o, old, { namespaced: false });
  const sp = Path.root('spec');
  const s = obj(o, 'spec') ?? {};
  if (str(s, 'request') === '') errs.push(required(sp.child('request'), ''));
  const signer = str(s, 'signerName');
  if (signer === '') errs.push(required(sp.child('signerName'), ''));
  else if (signer.split('/').length !== 2) errs.push(invalid(sp.child('signerName'), signer, 'must be a fully qualified domain and path of the form \'example.com/signer-name\''));
  else for (const m of isQualifiedName(signer.split('/')[0]!)) errs.push(invalid(sp.child('signerName'), signer, m));
  const exp = num(s, 'expirationSeconds');
  if (exp !== undefined && exp < 600) errs.push(invalid(sp.child('expirationSeconds'), exp, 'may not specify a duration less than 600 seconds (10 minutes)'));
  return errs;
}

export const resources: ResourceDef[] = [
  {
    group: 'certificates.k8s.io', version: 'v1', kind: 'CertificateSigningRequest', listKind: 'CertificateSigningRequestList',
    plural: 'certificatesigningrequests', singular: 'certificatesigningrequest', namespaced: false, verbs: ALL_VERBS, shortNames: ['csr'],
    hasStatus: true,
    subresources: [statusSub('certificates.k8s.io', 'v1', 'CertificateSigningRequest'), { name: 'approval', group: 'certificates.k8s.io', version: 'v1', kind: 'CertificateSigningRequest', verbs: ['get', 'patch', 'update'], writesStatus: true }],
    columns: [
      NAME_COL, AGE_COL, col('SignerName', 'Requested signer for the request. It is a qualified name in the form: `scope-hostname.io/name`.'),
      col('Requestor', 'Name of the user requesting the certificate.'), col('RequestedDuration', 'expirationSeconds is the requested duration of validity of the issued certificate.'),
      col('Condition', 'Conditions applied to the request.'),
    ],
    row: (o, now) => {
      const s = obj(o, 'spec') ?? {};
      const exp = num(s, 'expirationSeconds');
      const conds = arr(obj(o, 'status'), 'conditions').filter((c) => c.status !== 'False').map((c) => str(c, 'type'));
      const issued = str(obj(o, 'status'), 'certificate') !== '';
      let cond = conds.length ? conds.join(',') : 'Pending';
      if (issued && conds.length) cond += ',Issued';
      return [o.metadata.name ?? '', age(o, now), str(s, 'signerName'), str(s, 'username'), exp === undefined ? '<none>' : humanDuration(exp * 1000), cond];
    },
    validate,
  },
];
