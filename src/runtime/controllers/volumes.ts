// PersistentVolumeClaim binding with simulated provisioning (the PV
// controller plus a provisioner): a default StorageClass "standard" exists;
// a claim of a class this runtime provisions gets a PersistentVolume
// pvc-<uid> of the requested size and both are marked Bound. Volumes with
// reclaimPolicy Delete go when their claim goes.
import { Controller, R, splitKey, type ControllerContext, type ControllerDefinition } from '../kit/controller.js';
import { keyOf, type Informer } from '../kit/informer.js';
import type { Obj } from '../kit/objects.js';

export const PROVISIONER = 'skiff.dev/simulated';
const DEFAULT_CLASS = 'storageclass.kubernetes.io/is-default-class';

const DEFINITION: ControllerDefinition = { name: 'persistentvolume-controller', watches: [R.persistentvolumeclaims, R.persistentvolumes, R.storageclasses], owns: [R.persistentvolumes, R.persistentvolumeclaims, R.storageclasses], workers: 4 };

export class VolumeController extends Controller {
  private readonly pvcs: Informer<Obj>;
  private readonly pvs: Informer<Obj>;
  private readonly classes: Informer<Obj>;

  constructor(ctx: ControllerContext) {
    super(ctx, DEFINITION);
    this.pvcs = this.informer(R.persistentvolumeclaims);
    this.pvs = this.informer(R.persistentvolumes);
    this.classes = this.informer(R.storageclasses);
  }

  protected watch(signal: AbortSignal): void {
    this.pvcs.on((type, c) => {
      if (type === 'DELETED') this.queue.add(`pv:${c.metadata.uid}`);
      else this.queue.add(`pvc:${keyOf(c)}`);
    });
    this.classes.on(() => {
      for (const c of this.pvcs.list()) if (!c.spec?.volumeName) this.queue.add(`pvc:${keyOf(c)}`);
    });
    void this.classes.synced.then(async () => {
      if (this.classes.size > 0 || signal.aborted) return;
      await this.ctx.client
        .create({ group: 'storage.k8s.io', version: 'v1', resource: 'storageclasses' }, {
          apiVersion: 'storage.k8s.io/v1',
          kind: 'StorageClass',
          metadata: { name: 'standard', annotations: { [DEFAULT_CLASS]: 'true' } },
          provisioner: PROVISIONER,
          reclaimPolicy: 'Delete',
          volumeBindingMode: 'Immediate',
          allowVolumeExpansion: true,
        })
        .catch(() => undefined);
    });
  }

  protected async sync(key: string): Promise<void> {
    if (key.startsWith('pv:')) {
      const uid = key.slice(3);
      for (const pv of this.pvs.list()) {
        if (pv.spec?.claimRef?.uid === uid && (pv.spec?.persistentVolumeReclaimPolicy ?? 'Delete') === 'Delete') {
          await this.ctx.client.delete({ group: '', version: 'v1', resource: 'persistentvolumes', name: pv.metadata.name }).catch(() => undefined);
        }
      }
      return;
    }
    const [ns, name] = splitKey(key.slice(4));
    const pvc = this.pvcs.get(ns, name);
    if (!pvc || pvc.metadata.deletionTimestamp || pvc.status?.phase === 'Bound') return;
    const className: string | undefined =
      pvc.spec?.storageClassName ?? this.classes.list().find((c) => c.metadata.annotations?.[DEFAULT_CLASS] === 'true')?.metadata.name;
    const cls = className ? this.classes.get(undefined, className) : undefined;
    if (!cls || cls.provisioner !== PROVISIONER) return; // someone else's class, or static binding: left Pending
    const pvName = `pvc-${pvc.metadata.uid}`;
    const size = pvc.spec?.resources?.requests?.storage ?? '1Gi';
    const pvRef = { group: '', version: 'v1', resource: 'persistentvolumes' };
    if (!this.pvs.get(undefined, pvName)) {
      try {
        await this.ctx.client.create(pvRef, {
          apiVersion: 'v1',
          kind: 'PersistentVolume',
          metadata: { name: pvName, annotations: { 'pv.kubernetes.io/provisioned-by': PROVISIONER } },
          spec: {
            capacity: { storage: size },
            accessModes: pvc.spec?.accessModes ?? ['ReadWriteOnce'],
            persistentVolumeReclaimPolicy: cls.reclaimPolicy ?? 'Delete',
            storageClassName: className,
            volumeMode: pvc.spec?.volumeMode ?? 'Filesystem',
            hostPath: { path: `/var/lib/skiff/volumes/${pvName}`, type: '' },
            claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', namespace: ns, name, uid: pvc.metadata.uid, resourceVersion: pvc.metadata.resourceVersion },
          },
        });
      } catch (err) {
        if ((err as { code?: number }).code !== 409) throw err;
      }
      this.events.event({ ...pvc, apiVersion: 'v1', kind: 'PersistentVolumeClaim' }, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${pvName}`);
    }
    await this.ctx.client.patch({ ...pvRef, name: pvName, subresource: 'status' }, 'merge', { status: { phase: 'Bound' } });
    const ref = { group: '', version: 'v1', resource: 'persistentvolumeclaims', namespace: ns, name };
    const metadata = { annotations: { 'pv.kubernetes.io/bind-completed': 'yes', 'pv.kubernetes.io/bound-by-controller': 'yes', 'volume.kubernetes.io/storage-provisioner': PROVISIONER } };
    try {
      await this.ctx.client.patch(ref, 'merge', { metadata, spec: { volumeName: pvName, ...(pvc.spec?.storageClassName ? {} : { storageClassName: className }) } });
    } catch (err) {
      // An API server that refuses to fill in volumeName (422) still gets the binding recorded in status.
      if ((err as { code?: number }).code !== 422) throw err;
      await this.ctx.client.patch(ref, 'merge', { metadata });
    }
    await this.ctx.client.patch({ ...ref, subresource: 'status' }, 'merge', { status: { phase: 'Bound', accessModes: pvc.spec?.accessModes ?? ['ReadWriteOnce'], capacity: { storage: size } } });
  }
}
