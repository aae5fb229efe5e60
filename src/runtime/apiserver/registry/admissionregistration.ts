// admissionregistration.k8s.io/v1: webhook configurations and validating
// admission policies. Stored and printed as upstream; the runtime does not
// call webhooks or evaluate policies.
import type { KubeObject } from '../../../apimachinery/types.js';
import type { FieldError, ResourceDef } from './types.js';
import { Path, duplicate, invalid, notSupported, required } from './field.js';
import { AGE_COL, ALL_VERBS, NAME_COL, age, arr, col, list, obj, setDefault, str, statusSub, type Obj } from './common.js';
import { metaErrors, validateLabelSelector } from './validation.js';
import { isDNS1123Subdomain } from '../../../apimachinery/validation.js';

const G = 'admissionregistration.k8s.io';
const V = 'v1';

function defaultWebhooks(o: KubeObject, mutating: boolean): void {
  for (const w of arr(o, 'webhooks')) {
    setDefault(w, 'failurePolicy', 'Fail');
    setDefault(w, 'matchPolicy', 'Equivalent');
    setDefault(w, 'namespaceSelector', {});
    setDefault(w, 'objectSelector', {});
    setDefault(w, 'timeoutSeconds', 10);
    if (mutating) setDefault(w, 'reinvocationPolicy', 'Never');
    for (const r of arr(w, 'rules')) setDefault(r, 'scope', '*');
    const svc = obj(obj(w, 'clientConfig'), 'service');
    if (svc) setDefault(svc, 'port', 443);
  }
}

function validateWebhooks(o: KubeObject, old: KubeObject | undefined, mutating: boolean): FieldError[] {
  const errs = metaErrors(o, old, { namespaced: false });
  const names = new Set<string>();
  arr(o, 'webhooks').forEach((w, i) => {
    const wp = Path.root('webhooks').index(i);
    const name = str(w, 'name');
    if (name === '') errs.push(required(wp.child('name'), ''));
    else {
      const e = isDNS1123Subdomain(name);
      if (e.length) errs.push(invalid(wp.child('name'), name, e.join(',')));
      else if (name.split('.').length < 3) errs.push(invalid(wp.child('name'), name, 'should be a domain with at least three segments separated by dots'));
      if (names.has(name)) errs.push(duplicate(wp.child('name'), name));
      names.add(name);
    }
    const se = str(w, 'sideEffects');
    if (se !== 'None' && se !== 'NoneOnDryRun') errs.push(notSupported(wp.child('sideEffects'), se, ['None', 'NoneOnDryRun']));
    const arv = list(w, 'admissionReviewVersions');
    if (arv.length === 0) errs.push(required(wp.child('admissionReviewVersions'), 'must specify one of v1, v1beta1'));
    else if (!arv.some((v) => v === 'v1' || v === 'v1beta1')) {
      errs.push(invalid(wp.child('admissionReviewVersions'), arv, 'must include at least one of v1, v1beta1'));
    }
    const cc = obj(w, 'clientConfig') ?? {};
    const hasUrl = typeof cc.url === 'string' && cc.url !== '';
    const svc = obj(cc, 'service');
    if (hasUrl === !!svc) errs.push(required(wp.child('clientConfig'), 'exactly one of url or service is required'));
    if (svc) {
      if (str(svc, 'name') === '') errs.push(required(wp.child('clientConfig', 'service', 'name'), 'service name is required'));
      if (str(svc, 'namespace') === '') errs.push(required(wp.child('clientConfig', 'service', 'namespace'), 'service namespace is required'));
    }
    const fp = w.failurePolicy;
    if (fp !== undefined && fp !== 'Fail' && fp !== 'Ignore') errs.push(notSupported(wp.child('failurePolicy'), fp, ['Fail', 'Ignore']));
    const mp = w.matchPolicy;
    if (mp !== undefined && mp !== 'Equivalent' && mp !== 'Exact') errs.push(notSupported(wp.child('matchPolicy'), mp, ['Equivalent', 'Exact']));
    const t = w.timeoutSeconds;
    if (typeof t === 'number' && (t < 1 || t > 30)) errs.push(invalid(wp.child('timeoutSeconds'), t, 'the timeout value must be between 1 and 30 seconds'));
    if (mutating && w.reinvocationPolicy !== undefined && w.reinvocationPolicy !== 'Never' && w.reinvocationPolicy !== 'IfNeeded') {
      errs.push(notSupported(wp.child('reinvocationPolicy'), w.reinvocationPolicy, ['Never', 'IfNeeded']));
    }
    errs.push(...validateLabelSelector(w.namespaceSelector, wp.child('namespaceSelector')));
    errs.push(...validateLabelSelector(w.objectSelector, wp.child('objectSelector')));
    arr(w, 'rules').forEach((r, j) => {
      const rp = wp.child('rules').index(j);
      if (list(r, 'operations').length === 0) errs.push(required(rp.child('operations'), ''));
      if (list(r, 'apiGroups').length === 0) errs.push(required(rp.child('apiGroups'), ''));
      if (list(r, 'apiVersions').length === 0) errs.push(required(rp.child('apiVersions'), ''));
      if (list(r, 'resources').length === 0) errs.push(required(rp.child('resources'), ''));
      const scope = r.scope;
      if (scope !== undefined && !['*', 'Cluster', 'Namespaced'].includes(String(scope))) {
        errs.push(notSupported(rp.child('scope'), scope, ['*', 'Cluster', 'Namespaced']));
      }
    });
  });
  return errs;
}

const webhookCols = [NAME_COL, col('Webhooks', 'Webhooks indicates the number of webhooks included in this configuration', false, 'integer'), AGE_COL];
const webhookRow = (o: KubeObject, now: Date): unknown[] => [o.metadata.name ?? '', arr(o, 'webhooks').length, age(o, now)];

export const resources: ResourceDef[] = [
  {
    group: G, version: V, kind: 'MutatingWebhookConfiguration', listKind: 'MutatingWebhookConfigurationList', plural: 'mutatingwebhookconfigurations',
    singular: 'mutatingwebhookconfiguration', namespaced: false, verbs: ALL_VERBS, categories: ['api-extensions'],
    columns: webhookCols, row: webhookRow,
    defaults: (o) => defaultWebhooks(o, true),
    validate: (o, old) => validateWebhooks(o, old, true),
  },
  {
    group: G, version: V, kind: 'ValidatingAdmissionPolicy', listKind: 'ValidatingAdmissionPolicyList', plural: 'validatingadmissionpolicies',
    singular: 'validatingadmissionpolicy', namespaced: false, verbs: ALL_VERBS, categories: ['api-extensions'], hasStatus: true, tracksGeneration: true,
    subresources: [statusSub(G, V, 'ValidatingAdmissionPolicy')],
    columns: [
      NAME_COL, col('Validations', 'Validations indicates the number of validation rules defined in this configuration', false, 'integer'),
      col('ParamKind', 'ParamKind specifies the kind of resources used to parameterize this policy'), AGE_COL,
    ],
    row: (o, now) => {
      const pk = obj(obj(o, 'spec'), 'paramKind');
      return [o.metadata.name ?? '', arr(obj(o, 'spec'), 'validations').length, pk ? `${str(pk, 'apiVersion')}/${str(pk, 'kind')}` : '<unset>', age(o, now)];
    },
    defaults: (o) => {
      const s = obj(o, 'spec');
      if (!s) return;
      setDefault(s, 'failurePolicy', 'Fail');
      const mc = obj(s, 'matchConstraints');
      if (mc) {
        setDefault(mc, 'matchPolicy', 'Equivalent');
        setDefault(mc, 'namespaceSelector', {});
        setDefault(mc, 'objectSelector', {});
      }
    },
    validate: (o, old) => metaErrors(o, old, { namespaced: false }),
  },
  {
    group: G, version: V, kind: 'ValidatingAdmissionPolicyBinding', listKind: 'ValidatingAdmissionPolicyBindingList',
    plural: 'validatingadmissionpolicybindings', singular: 'validatingadmissionpolicybinding', namespaced: false, verbs: ALL_VERBS,
    categories: ['api-extensions'], tracksGeneration: true,
    columns: [
      NAME_COL, col('PolicyName', 'PolicyName indicates the policy definition which the policy binding binded to'),
      col('ParamRef', 'ParamRef indicates the param resource which sets the configration param'), AGE_COL,
    ],
    row: (o, now) => {
      const s = obj(o, 'spec') ?? {};
      const pr = obj(s, 'paramRef');
      let ref = '<unset>';
      if (pr) ref = str(pr, 'namespace') ? `${str(pr, 'namespace')}/${str(pr, 'name') || '*'}` : str(pr, 'name') || '*';
      return [o.metadata.name ?? '', str(s, 'policyName'), ref, age(o, now)];
    },
    validate: (o, old) => {
      const errs = metaErrors(o, old, { namespaced: false });
      if (str(obj(o, 'spec'), 'policyName') === '') errs.push(required(Path.root('spec', 'policyName'), ''));
      return errs;
    },
  },
  {
    group: G, version: V, kind: 'ValidatingWebhookConfiguration', listKind: 'ValidatingWebhookConfigurationList', plural: 'validatingwebhookconfigurations',
    singular: 'validatingwebhookconfiguration', namespaced: false, verbs: ALL_VERBS, categories: ['api-extensions'],
    columns: webhookCols, row: webhookRow,
    defaults: (o) => defaultWebhooks(o, false),
    validate: (o, old) => validateWebhooks(o, old, false),
  },
];

export type { Obj };
