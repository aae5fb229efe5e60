// Admission as kube-apiserver runs it (k8s.io/apiserver/pkg/admission): after
// a write is decoded and defaulted, mutating plugins may change the object,
// then the kind validates it, then validating plugins may still refuse it.
// Plugins read other objects from the store; they never write.
import type { KubeObject } from '../../../apimachinery/types.js';
import type { ObjectStore } from '../../store/types.js';
import type { ServedResource } from '../catalog.js';

export type AdmissionOperation = 'CREATE' | 'UPDATE' | 'DELETE';

/** The read side of the store that plugins consult (namespaces, PriorityClasses, LimitRanges, quotas). */
export type AdmissionReader = Pick<ObjectStore, 'get' | 'list'>;

/** What a plugin sees of one write (admission.Attributes). */
export interface AdmissionAttributes {
  readonly operation: AdmissionOperation;
  readonly def: ServedResource;
  /** The object's name ("" while a generated name is still unknown). */
  readonly name: string;
  /** The request's namespace, for namespaced kinds. */
  readonly namespace?: string;
  /** The object to write (CREATE, UPDATE); mutating plugins change it in place. Absent for DELETE. */
  readonly object?: KubeObject;
  /** The stored object (UPDATE, DELETE). */
  readonly old?: KubeObject;
  readonly store: AdmissionReader;
}

/** One admission plugin: either phase may be absent; both refuse by throwing an ApiError (src/runtime/apiserver/status.ts). */
export interface AdmissionPlugin {
  /** The plugin's name as kube-apiserver's --enable-admission-plugins spells it. */
  readonly name: string;
  /** Mutating phase: runs before the kind's validation and may change `object`. */
  admit?(a: AdmissionAttributes): void;
  /** Validating phase: runs after the kind's validation; must not change anything. */
  validate?(a: AdmissionAttributes): void;
}
