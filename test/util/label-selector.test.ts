// Label selectors against Kubernetes' labels.Parse rules: the grammar
// (equality, set-based, existence, Gt/Lt), keywords usable as keys, matching,
// the canonical String() form and apimachinery's error wording.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  formatLabelRequirements,
  formatLabelSelector,
  formatLabels,
  labelSelectorObjectMatcher,
  matchesLabelSelector,
  parseLabelSelector,
  SelectorSyntaxError,
} from '../../src/util/label-selector.js';

const canonical = (s: string) => formatLabelRequirements(parseLabelSelector(s));

test('valid selectors re-print as Kubernetes prints them (spaces gone, requirements sorted by key)', () => {
  for (const s of ['x=a,y=b,z=c', '', 'x!=a,y=b', 'x=', 'x= ', 'x=,z= ', 'x= ,z= ', '!x', 'x>1', 'x>1,z<5']) {
    assert.is(canonical(s), s.replace(/ /g, ''), s);
  }
  assert.is(canonical('x=a,a=x'), canonical('a=x,x=a'));
  assert.is(canonical('z in (c, a,b), app==web, !gone, has'), 'app==web,!gone,has,z in (a,b,c)');
  assert.is(canonical('tier notin (x)'), 'tier notin (x)');
});

test('malformed selectors throw SelectorSyntaxError with labels.Parse wording', () => {
  for (const s of ['x=a||y=b', 'x==a==b', '!x=a', 'x<a', 'x in (a', 'x in a', ',x', 'x,', 'x=a b', 'Bad Key=1', 'x=-bad-']) {
    assert.throws(() => parseLabelSelector(s), (e: unknown) => e instanceof SelectorSyntaxError, s);
  }
  const msg = (s: string) => {
    try {
      parseLabelSelector(s);
    } catch (e) {
      return (e as Error).message;
    }
    return 'no error';
  };
  assert.is(msg('x in (a'), "unable to parse requirement: found '', expected: ',' or ')'");
  assert.is(msg('x<a'), `unable to parse requirement: Invalid value: "a": for 'Gt', 'Lt' operators, the value must be an integer`);
  assert.is(msg('!x=a'), "unable to parse requirement: found '=', expected: ',' or 'end of string'");
  assert.match(msg('x=a b'), "found 'b', expected: ',' or 'end of string'");
  assert.match(msg('x=-bad-'), 'values[0][x]: Invalid value: "-bad-": a valid label must be an empty string or consist of alphanumeric characters');
  assert.match(msg('a/b/c=1'), 'a qualified name must consist of alphanumeric characters');
});

test('matching follows Kubernetes: != and notin also match a missing key, Gt/Lt need an integer label', () => {
  const yes = (s: string, l: Record<string, string>) => assert.ok(matchesLabelSelector(s, l), `${s} should match ${JSON.stringify(l)}`);
  const no = (s: string, l: Record<string, string>) => assert.not.ok(matchesLabelSelector(s, l), `${s} should not match ${JSON.stringify(l)}`);
  yes('', { x: 'y' });
  yes('x=y', { x: 'y' });
  yes('x==y,z=w', { x: 'y', z: 'w' });
  yes('x!=y,z!=w', { x: 'z', z: 'a' });
  yes('x!=y', {});
  yes('notin=in', { notin: 'in' }); // keywords are plain keys and values outside set position
  yes('x', { x: 'z' });
  yes('!x', { y: 'z' });
  yes('x>1', { x: '2' });
  yes('x<1', { x: '0' });
  yes('x in (a,b)', { x: 'b' });
  yes('x notin (a,b)', { y: 'a' });
  yes('x in (a,)', { x: '' }); // an empty member is the empty value
  no('x=z', {});
  no('x=y', { x: 'z' });
  no('x=y,z=w', { x: 'w', z: 'w' });
  no('x!=y,z!=w', { x: 'z', z: 'w' });
  no('x', { y: 'z' });
  no('!x', { x: 'z' });
  no('x>1', { x: '0' });
  no('x>1', { x: 'one' });
  no('x<1', { x: '2' });
  no('x in (a,b)', {});
  no('x notin (a,b)', { x: 'a' });
  no('constructor', {}); // never the prototype chain
});

test('metav1.LabelSelector objects: null selects nothing, {} everything, unknown operators nothing', () => {
  assert.not.ok(labelSelectorObjectMatcher(null)({ a: 'b' }));
  assert.ok(labelSelectorObjectMatcher({})({ a: 'b' }));
  const sel = { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['a', 'b'] }, { key: 'gone', operator: 'DoesNotExist' }] };
  assert.ok(labelSelectorObjectMatcher(sel)({ app: 'web', tier: 'a' }));
  assert.not.ok(labelSelectorObjectMatcher(sel)({ app: 'web', tier: 'a', gone: '' }));
  assert.not.ok(labelSelectorObjectMatcher(sel)({ app: 'web', tier: 'c' }));
  assert.not.ok(labelSelectorObjectMatcher({ matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] })({ a: '5' }));
  assert.not.ok(labelSelectorObjectMatcher({ matchExpressions: [{ key: 'a', operator: '__proto__' }] })({ a: '5' }));
});

test('LabelSelectorAsSelector().String() and FormatLabels', () => {
  assert.is(formatLabelSelector(undefined), '');
  assert.is(formatLabelSelector({}), '');
  assert.is(
    formatLabelSelector({ matchLabels: { 'a-b': '2', a: '1' }, matchExpressions: [{ key: 'x', operator: 'NotIn', values: ['q', 'p', 'q'] }, { key: 'e', operator: 'Exists' }, { key: 'b', operator: 'Bogus' }] }),
    'a=1,a-b=2,e,x notin (p,q)',
  );
  assert.is(formatLabels({ b: '2', a: '1' }), 'a=1,b=2');
  assert.is(formatLabels({}), '<none>');
  assert.is(formatLabels(undefined), '<none>');
});

test.run();
