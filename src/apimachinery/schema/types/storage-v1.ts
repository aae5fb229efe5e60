// storage.k8s.io/v1 API types (protobuf package k8s.io.api.storage.v1).
import { pkg, f, ref, list, map, str, i32, i64, bool, time } from '../dsl.js';

export default pkg(
  { alias: 'storage', openapi: 'io.k8s.api.storage.v1', protoPackage: 'k8s.io.api.storage.v1', group: 'storage.k8s.io', version: 'v1' },
  ({ kind, type }) => {
    kind('CSIDriver', 'A CSI volume driver installed in the cluster and how the system talks to it.', [
      f('metadata', ref('meta.ObjectMeta'), 1, { desc: 'Standard object metadata: name, namespace, labels, annotations, owners.' }),
      f('spec', ref('CSIDriverSpec'), 2, { required: true, desc: 'The desired state, as the user declares it.' }),
    ]);
    kind('CSIDriverList', 'A list of CSIDriver objects.', [
      f('metadata', ref('meta.ListMeta'), 1, { desc: 'List metadata: resourceVersion and continue token.' }),
      f('items', list(ref('CSIDriver')), 2, { required: true, desc: 'The objects in this list.' }),
    ]);
    type('CSIDriverSpec', 'Desired state of a CSIDriver.', [
      f('attachRequired', bool, 1, { keepZero: true, desc: 'Whether volumes of this driver need an attach step.' }),
      f('podInfoOnMount', bool, 2, { keepZero: true, desc: 'Whether the driver wants pod details on mount.' }),
      f('volumeLifecycleModes', list(str), 3, { listType: 'set', desc: 'Persistent and/or Ephemeral volume modes the driver supports.' }),
      f('storageCapacity', bool, 4, { keepZero: true, desc: 'Whether the driver reports storage capacity.' }),
      f('fsGroupPolicy', str, 5, { keepZero: true, desc: "Whether the volume's ownership may be changed to the pod's fsGroup." }),
      f('tokenRequests', list(ref('TokenRequest')), 6, { listType: 'atomic', desc: 'Service account tokens passed to the driver on mount.' }),
      f('requiresRepublish', bool, 7, { keepZero: true, desc: "Whether the driver's NodePublishVolume is called again periodically." }),
      f('seLinuxMount', bool, 8, { keepZero: true, desc: 'Whether the driver supports SELinux mount options.' }),
    ]);
    kind('CSINode', 'The CSI drivers installed on one node.', [
      f('metadata', ref('meta.ObjectMeta'), 1, { desc: 'Standard object metadata: name, namespace, labels, annotations, owners.' }),
      f('spec', ref('CSINodeSpec'), 2, { required: true, desc: 'The desired state, as the user declares it.' }),
    ]);
    type('CSINodeDriver', 'One CSI driver on a node.', [
      f('name', str, 1, { required: true, keepZero: true, desc: 'Name, unique within its scope.' }),
      f('nodeID', str, 2, { required: true, keepZero: true, desc: 'ID of the node as the driver knows it.' }),
      f('topologyKeys', list(str), 3, { listType: 'atomic', desc: 'Topology keys the driver supports.' }),
      f('allocatable', ref('VolumeNodeResources'), 4, { desc: 'Volume limits of the driver on this node.' }),
    ]);
    kind('CSINodeList', 'A list of CSINode objects.', [
      f('metadata', ref('meta.ListMeta'), 1, { desc: 'List metadata: resourceVersion and continue token.' }),
      f('items', list(ref('CSINode')), 2, { required: true, desc: 'The objects in this list.' }),
    ]);
    type('CSINodeSpec', 'The drivers of a CSINode.', [
      f('drivers', list(ref('CSINodeDriver')), 1, { mergeKey: 'name', strategy: 'merge', listType: 'map', keys: ['name'], required: true, desc: 'CSI drivers on the node.' }),
    ]);
    kind('StorageClass', 'A class of dynamically provisioned storage.', [
      f('metadata', ref('meta.ObjectMeta'), 1, { desc: 'Standard object metadata: name, namespace, labels, annotations, owners.' }),
      f('provisioner', str, 2, { required: true, keepZero: true, desc: 'Name of the volume provisioner.' }),
      f('parameters', map(str), 3, { desc: 'Provisioner-specific parameters.' }),
      f('reclaimPolicy', str, 4, { keepZero: true, desc: 'Reclaim policy of provisioned volumes.' }),
      f('mountOptions', list(str), 5, { listType: 'atomic', desc: 'Mount options.' }),
      f('allowVolumeExpansion', bool, 6, { keepZero: true, desc: 'Whether claims may be resized.' }),
      f('volumeBindingMode', str, 7, { keepZero: true, desc: 'Immediate or WaitForFirstConsumer.' }),
      f('allowedTopologies', list(ref('core.TopologySelectorTerm')), 8, { listType: 'atomic', desc: 'Topologies volumes may be provisioned in.' }),
    ]);
    kind('StorageClassList', 'A list of StorageClass objects.', [
      f('metadata', ref('meta.ListMeta'), 1, { desc: 'List metadata: resourceVersion and continue token.' }),
      f('items', list(ref('StorageClass')), 2, { required: true, desc: 'The objects in this list.' }),
    ]);
    type('TokenRequest', 'A service account token a CSI driver asks for.', [
      f('audience', str, 1, { required: true, keepZero: true, desc: 'Audience of the token.' }),
      f('expirationSeconds', i64, 2, { keepZero: true, desc: 'Validity of the token, in seconds.' }),
    ]);
    kind('VolumeAttachment', 'A request to attach a volume to a node.', [
      f('metadata', ref('meta.ObjectMeta'), 1, { desc: 'Standard object metadata: name, namespace, labels, annotations, owners.' }),
      f('spec', ref('VolumeAttachmentSpec'), 2, { required: true, desc: 'The desired state, as the user declares it.' }),
      f('status', ref('VolumeAttachmentStatus'), 3, { desc: 'The observed state, written by the system.' }),
    ]);
    kind('VolumeAttachmentList', 'A list of VolumeAttachment objects.', [
      f('metadata', ref('meta.ListMeta'), 1, { desc: 'List metadata: resourceVersion and continue token.' }),
      f('items', list(ref('VolumeAttachment')), 2, { required: true, desc: 'The objects in this list.' }),
    ]);
    type('VolumeAttachmentSource', 'The volume to attach: a PersistentVolume name or an inline spec.', [
      f('persistentVolumeName', str, 1, { keepZero: true, desc: 'Name of the PersistentVolume to attach.' }),
      f('inlineVolumeSpec', ref('core.PersistentVolumeSpec'), 2, { desc: 'Spec of an inline volume migrated to CSI.' }),
    ]);
    type('VolumeAttachmentSpec', 'Desired state of a VolumeAttachment.', [
      f('attacher', str, 1, { required: true, keepZero: true, desc: 'Name of the attacher (the CSI driver name).' }),
      f('source', ref('VolumeAttachmentSource'), 2, { required: true, desc: 'The volume to attach.' }),
      f('nodeName', str, 3, { required: true, keepZero: true, desc: 'Node to attach it to.' }),
    ]);
    type('VolumeAttachmentStatus', 'Observed state of a VolumeAttachment.', [
      f('attached', bool, 1, { required: true, keepZero: true, desc: 'Whether the volume is attached.' }),
      f('attachmentMetadata', map(str), 2, { desc: 'Data the attacher returned, passed on to mount.' }),
      f('attachError', ref('VolumeError'), 3, { desc: 'The last attach error.' }),
      f('detachError', ref('VolumeError'), 4, { desc: 'The last detach error.' }),
    ]);
    type('VolumeError', 'An error of an attach or detach operation.', [
      f('time', time, 1, { desc: 'When the error happened.' }),
      f('message', str, 2, { desc: 'Human-readable detail.' }),
    ]);
    type('VolumeNodeResources', 'Volume limits of a driver on a node.', [
      f('count', i32, 1, { keepZero: true, desc: 'Maximum number of volumes.' }),
    ]);
  },
);
