// node.k8s.io/v1: RuntimeClasses.
import type { ResourceDef } from './types.js';
import { Path, invalid, required } from './field.js';
import { AGE_COL, ALL_VERBS, NAME_COL, age, col, str } from './common.js';
import { metaErrors } from './validation.js';
import { isDNS1123Label } from '../../../apimachinery/validation.js';

export const resources: ResourceDef[] = [
  {
    group: 'node.k8s.io', version: 'v1', kind: 'RuntimeClass', listKind: 'RuntimeClassList', plural: 'runtimeclasses', singular: 'runtimeclass',
    namespaced: false, verbs: ALL_VERBS,
    columns: [NAME_COL, col('Handler', 'Handler is the name of the underlying runtime and configuration that the CRI implementation will use to handle pods of this class.'), AGE_COL],
    row: (o, now) => [o.metadata.name ?? '', str(o, 'handler'), age(o, now)],
    validate: (o, old) => {
      const errs = metaErrors(o, old, { namespaced: false });
      const h = str(o, 'handler');
      if (h === '') errs.push(required('handler', ''));
      else for (const m of isDNS1123Label(h)) errs.push(invalid('handler', h, m));
      if (old && str(old, 'handler') !== h) errs.push(invalid(Path.root('handler'), h, 'field is immutable'));
      return errs;
    },
  },
];
