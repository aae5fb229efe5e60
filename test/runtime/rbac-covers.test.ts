// Which held rules cover which granted ones (kubernetes validation.Covers) and
// how the refusal lists what is missing (CompactRules + CompactString).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compactString, escalationRefusal, goQuote, uncovered } from '../../src/runtime/apiserver/auth/escalation.js';
import type { PolicyRule, RbacState } from '../../src/runtime/apiserver/auth/rbac.js';
import type { KubeObject } from '../../src/apimachinery/types.js';

const r = (verbs: string[], apiGroups: string[], resources: string[], resourceNames?: string[]): PolicyRule => ({ verbs, apiGroups, resources, ...(resourceNames ? { resourceNames } : {}) });
const url = (verbs: string[], nonResourceURLs: string[]): PolicyRule => ({ verbs, nonResourceURLs });
const covered = (owner: PolicyRule[], servant: PolicyRule[]) => uncovered(owner, servant).length === 0;

test('wildcards cover verbs, groups and resources; */sub covers one subresource of every resource', () => {
  assert.ok(covered([r(['*'], ['*'], ['*'])], [r(['get', 'delete'], ['', 'apps'], ['pods', 'deployments/scale'], ['x'])]));
  assert.ok(covered([r(['get'], [''], ['*/status'])], [r(['get'], [''], ['pods/status', 'nodes/status'])]));
  assert.not.ok(covered([r(['get'], [''], ['*/status'])], [r(['get'], [''], ['pods'])]));
  assert.not.ok(covered([r(['get'], [''], ['pods'])], [r(['get'], [''], ['pods/log'])]));
  assert.not.ok(covered([r(['get'], [''], ['pods'])], [r(['get'], ['apps'], ['pods'])]));
});

test('resourceNames: a named grant needs the name or an unnamed rule; an unnamed grant needs an unnamed rule', () => {
  assert.ok(covered([r(['get'], [''], ['secrets'])], [r(['get'], [''], ['secrets'], ['a'])]));
  assert.ok(covered([r(['get'], [''], ['secrets'], ['a', 'b'])], [r(['get'], [''], ['secrets'], ['b'])]));
  assert.not.ok(covered([r(['get'], [''], ['secrets'], ['a'])], [r(['get'], [''], ['secrets'])]));
  assert.equal(uncovered([r(['get'], [''], ['secrets'], ['a'])], [r(['get'], [''], ['secrets'], ['a', 'c'])]), [r(['get'], [''], ['secrets'], ['c'])]);
});

test('non-resource URLs match exactly or by a trailing * prefix, and never through resource rules', () => {
  assert.ok(covered([url(['get'], ['/apis/*'])], [url(['get'], ['/apis/apps', '/apis/'])]));
  assert.not.ok(covered([url(['get'], ['/apis/*'])], [url(['get'], ['/api'])]));
  assert.not.ok(covered([r(['*'], ['*'], ['*'])], [url(['get'], ['/metrics'])]));
  assert.not.ok(covered([url(['*'], ['*'])], [r(['get'], [''], ['pods'])]));
});

test('the refusal compacts verbs per resource and sorts the lines', () => {
  const state: RbacState = { roles: () => [], roleBindings: () => [], clusterRoles: () => [], clusterRoleBindings: () => [] };
  const msg = escalationRefusal(state, { name: 'bob', groups: ['system:authenticated'] }, '', [r(['list', 'get'], ['', 'apps'], ['secrets', 'deployments']), url(['get'], ['/healthz'])]);
  assert.is(
    msg,
    [
      'user "bob" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:',
      '{APIGroups:[""], Resources:["deployments"], Verbs:["list" "get"]}',
      '{APIGroups:[""], Resources:["secrets"], Verbs:["list" "get"]}',
      '{APIGroups:["apps"], Resources:["deployments"], Verbs:["list" "get"]}',
      '{APIGroups:["apps"], Resources:["secrets"], Verbs:["list" "get"]}',
      '{NonResourceURLs:["/healthz"], Verbs:["get"]}',
    ].join('\n'),
  );
  // Rules held through a binding are not listed.
  const held: RbacState = {
    ...state,
    clusterRoles: () => [{ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'r' }, rules: [r(['get', 'list'], [''], ['secrets'])] } as unknown as KubeObject],
    clusterRoleBindings: () => [{ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'b' }, roleRef: { kind: 'ClusterRole', name: 'r' }, subjects: [{ kind: 'User', name: 'bob' }] } as unknown as KubeObject],
  };
  assert.is(escalationRefusal(held, { name: 'bob', groups: [] }, '', [r(['get'], [''], ['secrets'])]), undefined);
});

test('names print as Go %q does', () => {
  assert.is(goQuote('a"b\\c'), '"a\\"b\\\\c"');
  assert.is(goQuote('tab\there\u0007\u007f'), '"tab\\there\\a\\x7f"');
  assert.is(goQuote('café ✓'), '"café ✓"');
  assert.is(goQuote('\u200b'), '"\\u200b"');
  assert.is(compactString(r(['get'], [''], ['pods'], ['a b'])), '{APIGroups:[""], Resources:["pods"], ResourceNames:["a b"], Verbs:["get"]}');
});

test.run();
