// How kube-apiserver words a 422 Invalid Status from field errors
// (k8s.io/apimachinery/pkg/api/errors NewInvalid + utilerrors aggregate).
import type { FieldError } from './types.js';

/** `Deployment.apps "web" is invalid: <err>` (one error) or `...: [<e1>, <e2>]` (several, duplicates dropped). */
export function formatInvalidMessage(group: string, kind: string, name: string, errs: readonly FieldError[]): string {
  const gk = group === '' ? kind : `${kind}.${group}`;
  const head = `${gk} ${JSON.stringify(name)} is invalid`;
  const msgs: string[] = [];
  for (const e of errs) {
    const m = e.field === '' ? e.message : `${e.field}: ${e.message}`;
    if (!msgs.includes(m)) msgs.push(m);
  }
  if (msgs.length === 0) return head;
  return msgs.length === 1 ? `${head}: ${msgs[0]}` : `${head}: [${msgs.join(', ')}]`;
}
