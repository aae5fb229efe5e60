// core/v1 API types (protobuf package k8s.io.api.core.v1).
import { pkg, f, ref, list, map, str, i32, i64, bool, bytes, qty, ios, time, mtime } from '../dsl.js';

export default pkg(
  { alias: 'core', openapi: 'io.k8s.api.core.v1', protoPackage: 'k8s.io.api.core.v1', group: '', version: 'v1' },
  ({ kind, type }) => {
    type('AWSElasticBlockStoreVolumeSource', 'Volume source: AWSElasticBlockStore.', [
      f('volumeID', str, 1, { required: true, keepZero: true, desc: 'Id of the volume in its storage system.' }),
      f('fsType', str, 2, { desc: 'Filesystem type to mount, e.g. ext4.' }),
      f('partition', i32, 3, { desc: 'Partition of the disk to mount (0 for the whole disk).' }),
      f('readOnly', bool, 4, { desc: 'Mount read-only.' }),
    ]);
    type('Affinity', 'Scheduling affinity and anti-affinity rules.', [
      f('nodeAffinity', ref('NodeAffinity'), 1, { desc: 'Rules about which nodes the pod may run on.' }),
      f('podAffinity', ref('PodAffinity'), 2, { desc: 'Rules for co-locating with other pods.' }),
      f('podAntiAffinity', ref('PodAntiAffinity'), 3, { desc: 'Rules for keeping away from other pods.' }),
    ]);
    type('AppArmorProfile', '', [
      f('type', str, 1, { required: true, keepZero: true, desc: 'Type of this entry.' }),
      f('localhostProfile', str, 2, { keepZero: true, desc: 'Profile file on the node.' }),
    ]);
    type('AttachedVolume', '', [
      f('name', str, 1, { required: true, keepZero: true, desc: 'Name, unique within its scope.' }),
      f('devicePath', str, 2, { required: true, keepZero: true, desc: 'Path of the device inside the container.' }),
    ]);
    type('AzureDiskVolumeSource', 'Volume source: AzureDisk.', [
      f('diskName', str, 1, { required: true, keepZero: true, desc: 'Name of the data disk.' }),
      f('diskURI', str, 2, { required: true, keepZero: true, desc: 'URI of the data disk.' }),
      f('cachingMode', str, 3, { keepZero: true, desc: 'Host caching mode.' }),
      f('fsType', str, 4, { keepZero: true, desc: 'Filesystem type to mount, e.g. ext4.' }),
      f('readOnly', bool, 5, { keepZero: true, desc: 'Mount read-only.' }),
      f('kind', str, 6, { keepZero: true, desc: 'Disk kind: Shared, Dedicated or Managed.' }),
    ]);
    type('AzureFilePersistentVolumeSource', 'Volume source: AzureFilePersistent.', [
      f('secretName', str, 1, { required: true, keepZero: true, desc: 'Name of the Secret.' }),
      f('shareName', str, 2, { required: true, keepZero: true, desc: 'Name of the file share.' }),
      f('readOnly', bool, 3, { desc: 'Mount read-only.' }),
      f('secretNamespace', str, 4, { keepZero: true, desc: 'Namespace of the secret.' }),
    ]);
    type('AzureFileVolumeSource', 'Volume source: AzureFile.', [
      f('secretName', str, 1, { required: true, keepZero: true, desc: 'Name of the Secret.' }),
      f('shareName', str, 2, { required: true, keepZero: true, desc: 'Name of the file share.' }),
      f('readOnly', bool, 3, { desc: 'Mount read-only.' }),
    ]);
    kind('Binding', 'Binds a pod to a node (the scheduler\'s decision).', [
      f('metadata', ref('meta.ObjectMeta'), 1, { desc: 'Standard object metadata: name, namespace, labels, annotations, owners.' }),
      f('target', ref('ObjectReference'), 2, { required: true, desc: 'Object to bind to (a Node).' }),
    ]);
    type('CSIPersistentVolumeSource', 'Volume source: CSIPersistent.', [
      f('driver', str, 1, { required: true, keepZero: true, desc: 'Name of the volume driver.' }),
      f('volumeHandle', str, 2, { required: true, keepZero: true, desc: 'Id the CSI driver gives the volume.' }),
      f('readOnly', bool, 3, { desc: 'Mount read-only.' }),
      f('fsType', str, 4, { desc: 'Filesystem type to mount, e.g. ext4.' }),
      f('volumeAttributes', map(str), 5, { desc: 'Driver-specific attributes of the volume.' }),
      f('controllerPublishSecretRef', ref('SecretReference'), 6, { desc: 'Secret passed to the CSI ControllerPublish call.' }),
      f('nodeStageSecretRef', ref('SecretReference'), 7, { desc: 'Secret passed to the CSI NodeStage call.' }),
      f('nodePublishSecretRef', ref('SecretReference'), 8, { desc: 'Secret passed to the CSI NodePublish call.' }),
      f('controllerExpandSecretRef', ref('SecretReference'), 9, { desc: 'Secret passed to the CSI ControllerExpand call.' }),
      f('nodeExpandSecretRef', ref('SecretReference'), 10, { desc: 'Secret passed to the CSI NodeExpand call.' }),
    ]);
    type('CSIVolumeSource', 'Volume source: CSI.', [
      f('driver', str, 1, { required: true, keepZero: true, desc: 'Name of the volume driver.' }),
      f('readOnly', bool, 2, { keepZero: true, desc: 'Mount read-only.' }),
      f('fsType', str, 3, { keepZero: true, desc: 'Filesystem type to mount, e.g. ext4.' }),
      f('volumeAttributes', map(str), 4, { desc: 'Driver-specific attributes of the volume.' }),
      f('nodePublishSecretRef', ref('LocalObjectReference'), 5, { desc: 'Secret passed to the CSI NodePublish call.' }),
    ]);
    type('Capabilities', '', [
      f('add', list(str), 1, { listType: 'atomic', desc: 'Items to add.' }),
      f('drop', list(str), 2, { listType: 'atomic', desc: 'Items to drop.' }),
    ]);
    type('CephFSPersistentVolumeSource', 'Volume source: CephFSPersistent.', [
      f('monitors', list(str), 1, { listType: 'atomic', required: true, desc: 'Ceph monitor addresses.' }),
      f('path', str, 2, { desc: 'Path.' }),
      f('user', str, 3, { desc: 'User name.' }),
      f('secretFile', str, 4, { desc: 'Path to the key ring for the user.' }),
      f('secretRef', ref('SecretReference'), 5, { desc: 'Secret to read from.' }),
      f('readOnly', bool, 6, { desc: 'Mount read-only.' }),
    ]);
    type('CephFSVolumeSource', 'Volume source: CephFS.', [
      f('monitors', list(str), 1, { listType: 'atomic', required: true, desc: 'Ceph monitor addresses.' }),
      f('path', str, 2, { desc: 'Path within the filesystem to mount.' }),
      f('user', str, 3, { desc: 'User name.' }),
      f('secretFile', str, 4, { desc: 'Path to the key ring for the user.' }),
      f('secretRef', ref('LocalObjectReference'), 5, { desc: 'Secret to read from.' }),
      f('readOnly', bool, 6, { desc: 'Mount read-only.' }),
    ]);
    type('CinderPersistentVolumeSource', 'Volume source: CinderPersistent.', [
      f('volumeID', str, 1, { required: true, keepZero: true, desc: 'Id of the volume in its storage system.' }),
      f('fsType', str, 2, { desc: 'Filesystem type to mount, e.g. ext4.' }),
      f('readOnly', bool, 3, { desc: 'Mount read-only.' }),
      f('secretRef', ref('SecretReference'), 4, { desc: 'Secret to read from.' }),
    ]);
    type('CinderVolumeSource', 'Volume source: Cinder.', [
      f('volumeID', str, 1, { required: true, keepZero: true, desc: 'Id of the volume in its storage system.' }),
      f('fsType', str, 2, { desc: 'Filesystem type to mount, e.g. ext4.' }),
      f('readOnly', bool, 3, { desc: 'Mount read-only.' }),
      f('secretRef', ref('LocalObjectReference'), 4, { desc: 'Secret to read from.' }),
    ]);
    type('ClientIPConfig', '', [
      f('timeoutSeconds', i32, 1, { keepZero: true, desc: 'Seconds a client stays bound to the same endpoint.' }),
    ]);
    type('ClusterTrustBundleProjection', '', [
      f('name', str, 1, { keepZero: true, desc: 'Name, unique within its scope.' }),
      f('signerName', str, 2, { keepZero: true, desc: 'Signer whose trust bundles are projected.' }),
      f('labelSelector', ref('meta.LabelSelector'), 3, { desc: 'Label query over trust bundles.' }),
      f('optional', bool, 5, { keepZero: true, desc: 'Whether the referenced object or key may be missing.' }),
      f('path', str, 4, { required: true, keepZero: true, desc: 'Path.' }),
    ]);
    type('ComponentCondition', 'One health condition of a component.', [
      f('type', str, 1, { required: true, keepZero: true, desc: 'Type of this entry.' }),
      f('status', str, 2, { required: true, keepZero: true, desc: 'True, False or Unknown.' }),
      f('message', str, 3, { desc: 'Human-readable detail.' }),
      f('error', str, 4, { desc: 'Error, if any.' }),
    ]);
    kind('ComponentStatus', 'Health of a control-plane component (deprecated upstream).', [
      f('metadata', ref('meta.ObjectMeta'), 1, { desc: 'Standard object metadata: name, namespace, labels, annotations, owners.' }),
      f('conditions', list(ref('ComponentCondition')), 2, { mergeKey: 'type', strategy: 'merge', listType: 'map', keys: ['type'], desc: 'Health conditions of the component.' }),
    ]);
    kind('ComponentStatusList', 'A list of ComponentStatus objects.', [
      f('metadata', ref('meta.ListMeta'), 1, { desc: 'List metadata: resourceVersion and continue token.' }),
      f('items', list(ref('ComponentStatus')), 2, { required: true, desc: 'The objects in this list.' }),
    ]);
    kind('ConfigMap', 'Non-secret configuration data for pods.', [
      f('metadata', ref('meta.ObjectMeta'), 1, { desc: 'Standard object metadata: name, namespace, labels, annotations, owners.' }),
      f('immutable', bool, 4, { keepZero: true, desc: 'Once true, data can no longer be changed.' }),
      f('data', map(str), 2, { desc: 'Configuration values.' }),
      f('binaryData', map(bytes), 3, { desc: 'Binary values, base64-encoded.' }),
    ]);
    type('ConfigMapEnvSource', '', [
      f('localObjectReference', ref('LocalObjectReference'), 1, { inline: true }),
      f('optional', bool, 2, { keepZero: true, desc: 'Whether the referenced object or key may be missing.' }),
    ]);
    type('ConfigMapKeySelector', '', [
      f('localObjectReference', ref('LocalObjectReference'), 1, { inline: true }),
      f('key', str, 2, { required: true, keepZero: true, desc: 'The key this entry refers to.' }),
      f('optional', bool, 3, { keepZero: true, desc: 'Whether the referenced object or key may be missing.' }),
    ]);
    kind('ConfigMapList', 'A list of ConfigMap objects.', [
      f('metadata', ref('meta.ListMeta'), 1, { desc: 'List metadata: resourceVersion and continue token.' }),
      f('items', list(ref('ConfigMap')), 2, { required: true, desc: 'The objects in this list.' }),
    ]);
    type('ConfigMapNodeConfigSource', '', [
      f('namespace', str, 1, { required: true, keepZero: true, desc: 'Namespace the object or reference lives in.' }),
      f('name', str, 2, { required: true, keepZero: true, desc: 'Name, unique within its scope.' }),
      f('uid', str, 3, { desc: 'Unique id assigned by the server at creation.' }),
      f('resourceVersion', str, 4, { desc: 'Opaque version of the object, for optimistic concurrency and watches.' }),
      f('kubeletConfigKey', str, 5, { required: true, keepZero: true, desc: 'Key of the kubelet configuration in the ConfigMap.' }),
    ]);
    type('ConfigMapProjection', '', [
      f('localObjectReference', ref('LocalObjectReference'), 1, { inline: true }),
      f('items', list(ref('KeyToPath')), 2, { listType: 'atomic', desc: 'Keys to project, and where to put them.' }),
      f('optional', bool, 4, { keepZero: true, desc: 'Whether the referenced object or key may be missing.' }),
    ]);
    type('ConfigMapVolumeSource', 'Volume source: ConfigMap.', [
      f('localObjectReference', ref('LocalObjectReference'), 1, { inline: true }),
      f('items', list(ref('KeyToPath')), 2, { listType: 'atomic', desc: 'Keys to project, and where to put them.' }),
      f('defaultMode', i32, 3, { keepZero: true, desc: 'Permission bits for created files.' }),
      f('optional', bool, 4, { keepZero: true, desc: 'Whether the referenced object or key may be missing.' }),
    ]);
    type('Container', 'One container of a pod.', [
      f('name', str, 1, { required: true, keepZero: true, desc: 'Container name, unique within the pod.' }),
      f('image', str, 2, { desc: 'Container image reference.' }),
      f('command', list(str), 3, { listType: 'atomic', desc: 'Entrypoint; replaces the image ENTRYPOINT.' }),
      f('args', list(str), 4, { listType: 'atomic', desc: 'Arguments to the entrypoint; replace the image CMD.' }),
      f('workingDir', str, 5, { desc: 'Working directory of the process.' }),
      f('ports', list(ref('ContainerPort')), 6, { mergeKey: 'containerPort', strategy: 'merge', listType: 'map', keys: ['containerPort', 'protocol'], desc: 'Network ports exposed.' }),
      f('envFrom', list(ref('EnvFromSource')), 19, { listType: 'atomic', desc: 'Sources (ConfigMaps, Secrets) whose keys become environment variables.' }),
      f('env', list(ref('EnvVar')), 7, { mergeKey: 'name', strategy: 'merge', listType: 'map', keys: ['name'], desc: 'Environment variables.' }),
      f('resources', ref('ResourceRequirements'), 8, { desc: 'Compute resource requests and limits.' }),
      f('resizePolicy', list(ref('ContainerResizePolicy')), 23, { listType: 'atomic', desc: 'How the container reacts to resource resizes.' }),
      f('restartPolicy', str, 24, { keepZero: true, desc: 'Always, OnFailure or Never.' }),
      f('volumeMounts', list(ref('VolumeMount')), 9, { mergeKey: 'mountPath', strategy: 'merge', listType: 'map', keys: ['mountPath'], desc: 'Volumes mounted into the container\'s filesystem.' }),
      f('volumeDevices', list(ref('VolumeDevice')), 21, { mergeKey: 'devicePath', strategy: 'merge', listType: 'map', keys: ['devicePath'], desc: 'Block devices attached to the container.' }),
      f('livenessProbe', ref('Probe'), 10, { desc: 'Check that restarts the container when it fails.' }),
      f('readinessProbe', ref('Probe'), 11, { desc: 'Check that removes the pod from service endpoints when it fails.' }),
      f('startupProbe', ref('Probe'), 22, { desc: 'Check that must succeed before the other probes start.' }),
      f('lifecycle', ref('Lifecycle'), 12, { desc: 'Hooks run after start and before stop.' }),
      f('terminationMessagePath', str, 13, { desc: 'File the termination message is read from.' }),
      f('terminationMessagePolicy', str, 20, { desc: 'File or FallbackToLogsOnError.' }),
      f('imagePullPolicy', str, 14, { desc: 'Always, Never or IfNotPresent.' }),
      f('securityContext', ref('SecurityContext'), 15, { desc: 'Security attributes (user, group, capabilities, seccomp...).' }),
      f('stdin', bool, 16, { desc: 'Allocate a buffer for stdin.' }),
      f('stdinOnce', bool, 17, { desc: 'Close stdin after the first attach ends.' }),
      f('tty', bool, 18, { desc: 'Allocate a TTY.' }),
    ]);
    type('ContainerImage', '', [
      f('names', list(str), 1, { listType: 'atomic', desc: 'Names known for the image.' }),
      f('sizeBytes', i64, 2, { desc: 'Size of the image in bytes.' }),
    ]);
    type('ContainerPort', 'A network port of a container.', [
      f('name', str, 1, { desc: 'Name of the port, unique within the pod, for services to refer to.' }),
      f('hostPort', i32, 2, { desc: 'Port number on the host.' }),
      f('containerPort', i32, 3, { required: true, keepZero: true, desc: 'Port number on the container.' }),
      f('protocol', str, 4, { default: 'TCP', desc: 'TCP, UDP or SCTP.' }),
      f('hostIP', str, 5, { desc: 'Host IP to bind the host port to, or the node IP of a pod.' }),
    ]);
    type('ContainerResizePolicy', '', [
      f('resourceName', str, 1, { required: true, keepZero: true, desc: 'Name of the resource.' }),
      f('restartPolicy', str, 2, { required: true, keepZero: true, desc: 'Always, OnFailure or Never.' }),
    ]);
    type('ContainerState', '', [
      f('waiting', ref('ContainerStateWaiting'), 1, { desc: 'Details of a container that is waiting.' }),
      f('running', ref('ContainerStateRunning'), 2, { desc: 'Details of a running container.' }),
      f('terminated', ref('ContainerStateTerminated'), 3, { desc: 'Details of a terminated container.' }),
    ]);
    type('ContainerStateRunning', '', [
      f('startedAt', time, 1, { desc: 'When the container (last) started.' }),
    ]);
    type('ContainerStateTerminated', '', [
      f('exitCode', i32, 1, { required: true, keepZero: true, desc: 'Exit status of the last termination.' }),
      f('signal', i32, 2, { desc: 'Signal of the last termination.' }),
      f('reason', str, 3, { desc: 'Machine-readable, CamelCase reason for the last transition.' }),
      f('message', str, 4, { desc: 'Human-readable detail.' }),
      f('startedAt', time, 5, { desc: 'When the container (last) started.' }),
      f('finishedAt', time, 6, { desc: 'When the container last terminated.' }),
      f('containerID', str, 7, { desc: 'Container id in the runtime.' }),
    ]);
    type('ContainerStateWaiting', '', [
      f('reason', str, 1, { desc: 'Machine-readable, CamelCase reason for the last transition.' }),
      f('message', str, 2, { desc: 'Human-readable detail.' }),
    ]);
    type('ContainerStatus', 'Observed state of a Container.', [
      f('name', str, 1, { required: true, keepZero: true, desc: 'Name, unique within its scope.' }),
      f('state', ref('ContainerState'), 2, { desc: 'Current state.' }),
      f('lastState', ref('ContainerState'), 3, { desc: 'State of the previous termination.' }),
      f('ready', bool, 4, { required: true, keepZero: true, desc: 'Whether the container passes its readiness probe.' }),
      f('restartCount', i32, 5, { required: true, keepZero: true, desc: 'Times the container has been restarted.' }),
      f('image', str, 6, { required: true, keepZero: true, desc: 'Container image reference.' }),
      f('imageID', str, 7, { required: true, keepZero: true, desc: 'Id of the image the container runs.' }),
      f('containerID', str, 8, { desc: 'Container id in the runtime.' }),
      f('started', bool, 9, { keepZero: true, desc: 'Whether the container has passed its startup probe.' }),
      f('allocatedResources', map(qty), 10, { desc: 'Resources allocated to it.' }),
      f('resources', ref('ResourceRequirements'), 11, { desc: 'Compute resource requests and limits.' }),
      f('volumeMounts', list(ref('VolumeMountStatus')), 12, { mergeKey: 'mountPath', strategy: 'merge', listType: 'map', keys: ['mountPath'], desc: 'Volumes mounted into the container\'s filesystem.' }),
      f('user', ref('ContainerUser'), 13, { desc: 'Identity the container process runs as.' }),
      f('allocatedResourcesStatus', list(ref('ResourceStatus')), 14, { mergeKey: 'name', strategy: 'merge', listType: 'map', keys: ['name'], desc: 'Health of the allocated resources.' }),
    ]);
    type('ContainerUser', '', [
      f('linux', ref('LinuxContainerUser'), 1, { desc: 'Linux-specific settings.' }),
    ]);
    type('DaemonEndpoint', '', [
      f('Port', i32, 1, { required: true, keepZero: true, desc: 'Port number.' }),
    ]);
    type('DownwardAPIProjection', '', [
      f('items', list(ref('DownwardAPIVolumeFile')), 1, { listType: 'atomic', desc: 'Pod fields to project as files.' }),
    ]);
    type('DownwardAPIVolumeFile', '', [
      f('path', str, 1, { required: true, keepZero: true, desc: 'Path.' }),
      f('fieldRef', ref('ObjectFieldSelector'), 2, { desc: 'A field of the pod.' }),
      f('resourceFieldRef', ref('ResourceFieldSelector'), 3, { desc: 'A resource request or limit of a container.' }),
      f('mode', i32, 4, { keepZero: true, desc: 'Permission bits of this file.' }),
    ]);
    type('DownwardAPIVolumeSource', 'Volume source: DownwardAPI.', [
      f('items', list(ref('DownwardAPIVolumeFile')), 1, { listType: 'atomic', desc: 'Pod fields to project as files.' }),
      f('defaultMode', i32, 2, { keepZero: true, desc: 'Permission bits for created files.' }),
    ]);
    type('EmptyDirVolumeSource', 'Volume source: EmptyDir.', [
      f('medium', str, 1, { desc: 'Storage medium: "" (node default) or Memory.' }),
      f('sizeLimit', qty, 2, { desc: 'Maximum size.' }),
    ]);
    type('EndpointAddress', '', [
      f('ip', str, 1, { required: true, keepZero: true, desc: 'IP address.' }),
      f('hostname', str, 3, { desc: 'Hostname of the endpoint.' }),
      f('nodeName', str, 4, { keepZero: true, desc: 'Node hosting the endpoint.' }),
      f('targetRef', ref('ObjectReference'), 2, { desc: 'Object that provides this endpoint.' }),
    ]);
    type('EndpointPort', '', [
      f('name', str, 1, { desc: 'Name, unique within its scope.' }),
      f('port', i32, 2, { required: true, keepZero: true, desc: 'Port number or name.' }),
      f('protocol', str, 3, { desc: 'TCP, UDP or SCTP.' }),
      f('appProtocol', str, 4, { keepZero: true, desc: 'Application protocol of the port.' }),
    ]);
    type('EndpointSubset', '', [
      f('addresses', list(ref('EndpointAddress')), 1, { listType: 'atomic', desc: 'Addresses of endpoints.' }),
      f('notReadyAddresses', list(ref('EndpointAddress')), 2, { listType: 'atomic', desc: 'Addresses of endpoints that are not ready.' }),
      f('ports', list(ref('EndpointPort')), 3, { listType: 'atomic', desc: 'Network ports exposed.' }),
    ]);
    kind('Endpoints', 'The addresses and ports that implement a Service.', [
      f('metadata', ref('meta.ObjectMeta'), 1, { desc: 'Standard object metadata: name, namespace, labels, annotations, owners.' }),
      f('subsets', list(ref('EndpointSubset')), 2, { listType: 'atomic', desc: 'Groups of addresses sharing the same ports.' }),
    ]);
    kind('EndpointsList', 'A list of Endpoints objects.', [
      f('metadata', ref('meta.ListMeta'), 1, { desc: 'List metadata: resourceVersion and continue token.' }),
      f('items', list(ref('Endpoints')), 2, { required: true, desc: 'The objects in this list.' }),
    ]);
    type('EnvFromSource', '', [
      f('prefix', str, 1, { desc: 'Prefix added to each variable name.' }),
      f('configMapRef', ref('ConfigMapEnvSource'), 2, { desc: 'ConfigMap to read from.' }),
      f('secretRef', ref('SecretEnvSource'), 3, { desc: 'Secret to read from.' }),
    ]);
    type('EnvVar', 'One environment variable.', [
      f('name', str, 1, { required: true, keepZero: true, desc: 'Variable name.' }),
      f('value', str, 2, { desc: 'The value.' }),
      f('valueFrom', ref('EnvVarSource'), 3, { desc: 'Source of the value when not given literally.' }),
    ]);
    type('EnvVarSource', '', [
      f('fieldRef', ref('ObjectFieldSelector'), 1, { desc: 'A field of the pod.' }),
      f('resourceFieldRef', ref('ResourceFieldSelector'), 2, { desc: 'A resource request or limit of a container.' }),
      f('configMapKeyRef', ref('ConfigMapKeySelector'), 3, { desc: 'A key of a ConfigMap.' }),
      f('secretKeyRef', ref('SecretKeySelector'), 4, { desc: 'A key of a Secret.' }),
    ]);
    type('EphemeralContainer', '', [
      f('ephemeralContainerCommon', ref('EphemeralContainerCommon'), 1, { inline: true }),
      f('targetContainerName', str, 2, { desc: 'Container whose namespaces the ephemeral container joins.' }),
    ]);
    type('EphemeralContainerCommon', '', [
      f('name', str, 1, { required: true, keepZero: true, desc: 'Name, unique within its scope.' }),
      f('image', str, 2, { desc: 'Container image reference.' }),
      f('command', list(str), 3, { listType: 'atomic', desc: 'Entrypoint; replaces the image ENTRYPOINT.' }),
      f('args', list(str), 4, { listType: 'atomic', desc: 'Arguments to the entrypoint; replace the image CMD.' }),
      f('workingDir', str, 5, { desc: 'Working directory of the process.' }),
      f('ports', list(ref('ContainerPort')), 6, { mergeKey: 'containerPort', strategy: 'merge', listType: 'map', keys: ['containerPort', 'protocol'], desc: 'Network ports exposed.' }),
      f('envFrom', list(ref('EnvFromSource')), 19, { listType: 'atomic', desc: 'Sources (ConfigMaps, Secrets) whose keys become environment variables.' }),
      f('env', list(ref('EnvVar')), 7, { mergeKey: 'name', strategy: 'merge', listType: 'map', keys: ['name'], desc: 'Environment variables.' }),
      f('resources', ref('ResourceRequirements'), 8, { desc: 'Compute resource requests and limits.' }),
      f('resizePolicy', list(ref('ContainerResizePolicy')), 23, { listType: 'atomic', desc: 'How the container reacts to resource resizes.' }),
      f('restartPolicy', str, 24, { keepZero: true, desc: 'Always, OnFailure or Never.' }),
      f('volumeMounts', list(ref('VolumeMount')), 9, { mergeKey: 'mountPath', strategy: 'merge', listType: 'map', keys: ['mountPath'], desc: 'Volumes mounted into the container\'s filesystem.' }),
      f('volumeDevices', list(ref('VolumeDevice')), 21, { mergeKey: 'devicePath', strategy: 'merge', listType: 'map', keys: ['devicePath'], desc: 'Block devices attached to the container.' }),
      f('livenessProbe', ref('Probe'), 10, { desc: 'Check that restarts the container when it fails.' }),
      f('readinessProbe', ref('Probe'), 11, { desc: 'Check that removes the pod from service endpoints when it fails.' }),
      f('startupProbe', ref('Probe'), 22, { desc: 'Check that must succeed before the other probes start.' }),
      f('lifecycle', ref('Lifecycle'), 12, { desc: 'Hooks run after start and before stop.' }),
      f('terminationMessagePath', str, 13, { desc: 'File the termination message is read from.' }),
      f('terminationMessagePolicy', str, 20, { desc: 'File or FallbackToLogsOnError.' }),
      f('imagePullPolicy', str, 14, { desc: 'Always, Never or IfNotPresent.' }),
      f('securityContext', ref('SecurityContext'), 15, { desc: 'Security attributes (user, group, capabilities, seccomp...).' }),
      f('stdin', bool, 16, { desc: 'Allocate a buffer for stdin.' }),
      f('stdinOnce', bool, 17, { desc: 'Close stdin after the first attach ends.' }),
      f('tty', bool, 18, { desc: 'Allocate a TTY.' }),
    ]);
    type('EphemeralVolumeSource', 'Volume source: Ephemeral.', [
      f('volumeClaimTemplate', ref('PersistentVolumeClaimTemplate'), 1, { desc: 'Template of the claim created for the pod.' }),
    ]);
    kind('Event', 'A report of something that happened in the cluster.', [
      f('metadata', ref('meta.ObjectMeta'), 1, { required: true, desc: 'Standard object metadata: name, namespace, labels, annotations, owners.' }),
      f('involvedObject', ref('ObjectReference'), 2, { required: true, desc: 'Object the event is about.' }),
      f('reason', str, 3, { desc: 'Machine-readable, CamelCase reason for the last transition.' }),
      f('message', str, 4, { desc: 'Human-readable detail.' }),
      f('source', ref('EventSource'), 5, { desc: 'Component that reported the event.' }),
      f('firstTimestamp', time, 6, { desc: 'When the event was first seen.' }),
      f('lastTimestamp', time, 7, { desc: 'When the event was last seen.' }),
      f('count', i32, 8, { desc: 'Times this event occurred.' }),
      f('type', str, 9, { desc: 'Normal or Warning.' }),
      f('eventTime', mtime, 10, { desc: 'When the event first happened (microseconds).' }),
      f('series', ref('EventSeries'), 11, { desc: 'Data about a series of repeating events.' }),
      f('action', str, 12, { desc: 'What was done, or failed to be done.' }),
      f('related', ref('ObjectReference'), 13, { desc: 'A second object involved.' }),
      f('reportingComponent', str, 14, { keepZero: true, desc: 'Controller that emitted the event.' }),
      f('reportingInstance', str, 15, { keepZero: true, desc: 'Id of the controller instance.' }),
    ]);
    kind('EventList', 'A list of Event objects.', [
      f('metadata', ref('meta.ListMeta'), 1, { desc: 'List metadata: resourceVersion and continue token.' }),
      f('items', list(ref('Event')), 2, { required: true, desc: 'The objects in this list.' }),
    ]);
    type('EventSeries', '', [
      f('count', i32, 1, { desc: 'Times this event occurred.' }),
      f('lastObservedTime', mtime, 2, { desc: 'When the last event of the series was seen.' }),
    ]);
    type('EventSource', '', [
      f('component', str, 1, { desc: 'Component that reported it.' }),
      f('host', str, 2, { desc: 'Node that reported the event.' }),
    ]);
    type('ExecAction', '', [
      f('command', list(str), 1, { listType: 'atomic', desc: 'Entrypoint; replaces the image ENTRYPOINT.' }),
    ]);
    type('FCVolumeSource', 'Volume source: FC.', [
      f('targetWWNs', list(str), 1, { listType: 'atomic', desc: 'Fibre channel target world wide names.' }),
      f('lun', i32, 2, { keepZero: true, desc: 'Logical unit number.' }),
      f('fsType', str, 3, { desc: 'Filesystem type to mount, e.g. ext4.' }),
      f('readOnly', bool, 4, { desc: 'Mount read-only.' }),
      f('wwids', list(str), 5, { listType: 'atomic', desc: 'World wide identifiers of the volume.' }),
    ]);
    type('FlexPersistentVolumeSource', 'Volume source: FlexPersistent.', [
      f('driver', str, 1, { required: true, keepZero: true, desc: 'Name of the volume driver.' }),
      f('fsType', str, 2, { desc: 'Filesystem type to mount, e.g. ext4.' }),
      f('secretRef', ref('SecretReference'), 3, { desc: 'Secret to read from.' }),
      f('readOnly', bool, 4, { desc: 'Mount read-only.' }),
      f('options', map(str), 5, { desc: 'Extra options.' }),
    ]);
    type('FlexVolumeSource', 'Volume source: Flex.', [
      f('driver', str, 1, { required: true, keepZero: true, desc: 'Name of the volume driver.' }),
      f('fsType', str, 2, { desc: 'Filesystem type to mount, e.g. ext4.' }),
      f('secretRef', ref('LocalObjectReference'), 3, { desc: 'Secret to read from.' }),
      f('readOnly', bool, 4, { desc: 'Mount read-only.' }),
      f('options', map(str), 5, { desc: 'Extra options.' }),
    ]);
    type('FlockerVolumeSource', 'Volume source: Flocker.', [
      f('datasetName', str, 1, { desc: 'Name of the dataset.' }),
      f('datasetUUID', str, 2, { desc: 'UUID of the dataset.' }),
    ]);
    type('GCEPersistentDiskVolumeSource', 'Volume source: GCEPersistentDisk.', [
      f('pdName', str, 1, { required: true, keepZero: true, desc: 'Name of the persistent disk.' }),
      f('fsType', str, 2, { desc: 'Filesystem type to mount, e.g. ext4.' }),
      f('partition', i32, 3, { desc: 'Partition of the disk to mount (0 for the whole disk).' }),
      f('readOnly', bool, 4, { desc: 'Mount read-only.' }),
    ]);
    type('GRPCAction', '', [
      f('port', i32, 1, { required: true, keepZero: true, desc: 'Port number or name.' }),
      f('service', str, 2, { keepZero: true, desc: 'gRPC service name to check.' }),
    ]);
    type('GitRepoVolumeSource', 'Volume source: GitRepo.', [
      f('repository', str, 1, { required: true, keepZero: true, desc: 'Git repository URL.' }),
      f('revision', str, 2, { desc: 'Commit hash to check out.' }),
      f('directory', str, 3, { desc: 'Target directory name.' }),
    ]);
    type('GlusterfsPersistentVolumeSource', 'Volume source: GlusterfsPersistent.', [
      f('endpoints', str, 1, { required: true, keepZero: true, desc: 'Endpoints object naming the Glusterfs hosts.' }),
      f('path', str, 2, { required: true, keepZero: true, desc: 'Path.' }),
      f('readOnly', bool, 3, { desc: 'Mount read-only.' }),
      f('endpointsNamespace', str, 4, { keepZero: true, desc: 'Namespace of the Endpoints object.' }),
    ]);
    type('GlusterfsVolumeSource', 'Volume source: Glusterfs.', [
      f('endpoints', str, 1, { required: true, keepZero: true, desc: 'Endpoints object naming the Glusterfs hosts.' }),
      f('path', str, 2, { required: true, keepZero: true, desc: 'Path.' }),
      f('readOnly', bool, 3, { desc: 'Mount read-only.' }),
    ]);
    type('HTTPGetAction', '', [
      f('path', str, 1, { desc: 'HTTP path to request.' }),
      f('port', ios, 2, { required: true, desc: 'Port number or name.' }),
      f('host', str, 3, { desc: 'Host name to connect to.' }),
      f('scheme', str, 4, { desc: 'HTTP or HTTPS.' }),
      f('httpHeaders', list(ref('HTTPHeader')), 5, { listType: 'atomic', desc: 'Extra request headers.' }),
    ]);
    type('HTTPHeader', '', [
      f('name', str, 1, { required: true, keepZero: true, desc: 'Name, unique within its scope.' }),
      f('value', str, 2, { required: true, keepZero: true, desc: 'The value.' }),
    ]);
    type('HostAlias', '', [
      f('ip', str, 1, { required: true, keepZero: true, desc: 'IP address.' }),
      f('hostnames', list(str), 2, { listType: 'atomic', desc: 'Host names for the IP.' }),
    ]);
    type('HostIP', '', [
      f('ip', str, 1, { required: true, keepZero: true, desc: 'IP address.' }),
    ]);
    type('HostPathVolumeSource', 'Volume source: HostPath.', [
      f('path', str, 1, { required: true, keepZero: true, desc: 'Path on the node.' }),
      f('type', str, 2, { keepZero: true, desc: 'Expected kind of path: Directory, File, Socket, ... (or "" for no check).' }),
    ]);
    type('ISCSIPersistentVolumeSource', 'Volume source: ISCSIPersistent.', [
      f('targetPortal', str, 1, { required: true, keepZero: true, desc: 'iSCSI target portal.' }),
      f('iqn', str, 2, { required: true, keepZero: true, desc: 'iSCSI qualified name of the target.' }),
      f('lun', i32, 3, { required: true, keepZero: true, desc: 'Logical unit number.' }),
      f('iscsiInterface', str, 4, { desc: 'iSCSI interface name.' }),
      f('fsType', str, 5, { desc: 'Filesystem type to mount, e.g. ext4.' }),
      f('readOnly', bool, 6, { desc: 'Mount read-only.' }),
      f('portals', list(str), 7, { listType: 'atomic', desc: 'Additional target portals.' }),
      f('chapAuthDiscovery', bool, 8, { desc: 'Use CHAP authentication for discovery.' }),
      f('chapAuthSession', bool, 11, { desc: 'Use CHAP authentication for sessions.' }),
      f('secretRef', ref('SecretReference'), 10, { desc: 'Secret to read from.' }),
      f('initiatorName', str, 12, { keepZero: true, desc: 'Custom iSCSI initiator name.' }),
    ]);
    type('ISCSIVolumeSource', 'Volume source: ISCSI.', [
      f('targetPortal', str, 1, { required: true, keepZero: true, desc: 'iSCSI target portal.' }),
      f('iqn', str, 2, { required: true, keepZero: true, desc: 'iSCSI qualified name of the target.' }),
      f('lun', i32, 3, { required: true, keepZero: true, desc: 'Logical unit number.' }),
      f('iscsiInterface', str, 4, { desc: 'iSCSI interface name.' }),
      f('fsType', str, 5, { desc: 'Filesystem type to mount, e.g. ext4.' }),
      f('readOnly', bool, 6, { desc: 'Mount read-only.' }),
      f('portals', list(str), 7, { listType: 'atomic', desc: 'Additional target portals.' }),
      f('chapAuthDiscovery', bool, 8, { desc: 'Use CHAP authentication for discovery.' }),
      f('chapAuthSession', bool, 11, { desc: 'Use CHAP authentication for sessions.' }),
      f('secretRef', ref('LocalObjectReference'), 10, { desc: 'Secret to read from.' }),
      f('initiatorName', str, 12, { keepZero: true, desc: 'Custom iSCSI initiator name.' }),
    ]);
    type('ImageVolumeSource', 'Volume source: Image.', [
      f('reference', str, 1, { desc: 'Image reference.' }),
      f('pullPolicy', str, 2, { desc: 'When to pull the image.' }),
    ]);
    type('KeyToPath', '', [
      f('key', str, 1, { required: true, keepZero: true, desc: 'The key this entry refers to.' }),
      f('path', str, 2, { required: true, keepZero: true, desc: 'Relative path of the file.' }),
      f('mode', i32, 3, { keepZero: true, desc: 'Permission bits of this file.' }),
    ]);
    type('Lifecycle', '', [
      f('postStart', ref('LifecycleHandler'), 1, { desc: 'Hook run right after the container starts.' }),
      f('preStop', ref('LifecycleHandler'), 2, { desc: 'Hook run before the container is stopped.' }),
    ]);
    type('LifecycleHandler', '', [
      f('exec', ref('ExecAction'), 1, { desc: 'Run a command; exit status 0 means success.' }),
      f('httpGet', ref('HTTPGetAction'), 2, { desc: 'Send an HTTP GET; 2xx/3xx means success.' }),
      f('tcpSocket', ref('TCPSocketAction'), 3, { desc: 'Open a TCP connection.' }),
      f('sleep', ref('SleepAction'), 4, { desc: 'Sleep for a number of seconds.' }),
    ]);
    kind('LimitRange', 'Default and allowed resource amounts per object in a namespace.', [
      f('metadata', ref('meta.ObjectMeta'), 1, { desc: 'Standard object metadata: name, namespace, labels, annotations, owners.' }),
      f('spec', ref('LimitRangeSpec'), 2, { desc: 'The desired state, as the user declares it.' }),
    ]);
    type('LimitRangeItem', '', [
      f('type', str, 1, { required: true, keepZero: true, desc: 'Type of this entry.' }),
      f('max', map(qty), 2, { desc: 'Maximum allowed.' }),
      f('min', map(qty), 3, { desc: 'Minimum allowed.' }),
      f('default', map(qty), 4, { desc: 'Default value used when none is given.' }),
      f('defaultRequest', map(qty), 5, { desc: 'Default request used when none is given.' }),
      f('maxLimitRequestRatio', map(qty), 6, { desc: 'Maximum ratio of limit to request.' }),
    ]);
    kind('LimitRangeList', 'A list of LimitRange objects.', [
      f('metadata', ref('meta.ListMeta'), 1, { desc: 'List metadata: resourceVersion and continue token.' }),
      f('items', list(ref('LimitRange')), 2, { required: true, desc: 'The objects in this list.' }),
    ]);
    type('LimitRangeSpec', 'Desired state of a LimitRange.', [
      f('limits', list(ref('LimitRangeItem')), 1, { listType: 'atomic', required: true, desc: 'Maximum resources allowed.' }),
    ]);
    type('LinuxContainerUser', '', [
      f('uid', i64, 1, { required: true, keepZero: true, desc: 'User id.' }),
      f('gid', i64, 2, { required: true, keepZero: true, desc: 'Group id.' }),
      f('supplementalGroups', list(i64), 3, { listType: 'atomic', desc: 'Extra groups of the first process.' }),
    ]);
    type('LoadBalancerIngress', '', [
      f('ip', str, 1, { desc: 'IP address.' }),
      f('hostname', str, 2, { desc: 'Host name of the load balancer.' }),
      f('ipMode', str, 3, { keepZero: true, desc: 'How the load balancer IP behaves (VIP or Proxy).' }),
      f('ports', list(ref('PortStatus')), 4, { listType: 'atomic', desc: 'Status of the load balancer ports.' }),
    ]);
    type('LoadBalancerStatus', '', [
      f('ingress', list(ref('LoadBalancerIngress')), 1, { listType: 'atomic', desc: 'Ingress points of the load balancer.' }),
    ]);
    type('LocalObjectReference', 'A reference to an object in the same namespace, by name.', [
      f('name', str, 1, { desc: 'Name, unique within its scope.' }),
    ]);
    type('LocalVolumeSource', 'Volume source: Local.', [
      f('path', str, 1, { required: true, keepZero: true, desc: 'Path.' }),
      f('fsType', str, 2, { keepZero: true, desc: 'Filesystem type to mount, e.g. ext4.' }),
    ]);
    type('ModifyVolumeStatus', '', [
      f('targetVolumeAttributesClassName', str, 1, { desc: 'VolumeAttributesClass being applied.' }),
      f('status', str, 2, { required: true, keepZero: true, desc: 'The observed state, written by the system.' }),
    ]);
    type('NFSVolumeSource', 'Volume source: NFS.', [
      f('server', str, 1, { required: true, keepZero: true, desc: 'Server host name or IP.' }),
      f('path', str, 2, { required: true, keepZero: true, desc: 'Exported path.' }),
      f('readOnly', bool, 3, { desc: 'Mount read-only.' }),
    ]);
    kind('Namespace', 'A scope for names; most objects live in one.', [
      f('metadata', ref('meta.ObjectMeta'), 1, { desc: 'Standard object metadata: name, namespace, labels, annotations, owners.' }),
      f('spec', ref('NamespaceSpec'), 2, { desc: 'The desired state, as the user declares it.' }),
      f('status', ref('NamespaceStatus'), 3, { desc: 'The observed state, written by the system.' }),
    ]);
    type('NamespaceCondition', 'One condition of a Namespace.', [
      f('type', str, 1, { required: true, keepZero: true, desc: 'Type of this entry.' }),
      f('status', str, 2, { required: true, keepZero: true, desc: 'The observed state, written by the system.' }),
      f('lastTransitionTime', time, 4, { desc: 'When the condition last changed status.' }),
      f('reason', str, 5, { desc: 'Machine-readable, CamelCase reason for the last transition.' }),
      f('message', str, 6, { desc: 'Human-readable detail.' }),
    ]);
    kind('NamespaceList', 'A list of Namespace objects.', [
      f('metadata', ref('meta.ListMeta'), 1, { desc: 'List metadata: resourceVersion and continue token.' }),
      f('items', list(ref('Namespace')), 2, { required: true, desc: 'The objects in this list.' }),
    ]);
    type('NamespaceSpec', 'Desired state of a Namespace.', [
      f('finalizers', list(str), 1, { listType: 'atomic', desc: 'Conditions that must be cleared before the object is removed.' }),
    ]);
    type('NamespaceStatus', 'Observed state of a Namespace.', [
      f('phase', str, 1, { desc: 'Coarse lifecycle phase.' }),
      f('conditions', list(ref('NamespaceCondition')), 2, { mergeKey: 'type', strategy: 'merge', listType: 'map', keys: ['type'], desc: 'Latest observations of the object\'s state.' }),
    ]);
    kind('Node', 'A worker machine that runs pods.', [
      f('metadata', ref('meta.ObjectMeta'), 1, { desc: 'Standard object metadata: name, namespace, labels, annotations, owners.' }),
      f('spec', ref('NodeSpec'), 2, { desc: 'The desired state, as the user declares it.' }),
      f('status', ref('NodeStatus'), 3, { desc: 'The observed state, written by the system.' }),
    ]);
    type('NodeAddress', '', [
      f('type', str, 1, { required: true, keepZero: true, desc: 'Type of this entry.' }),
      f('address', str, 2, { required: true, keepZero: true, desc: 'The address.' }),
    ]);
    type('NodeAffinity', '', [
      f('requiredDuringSchedulingIgnoredDuringExecution', ref('NodeSelector'), 1, { desc: 'Hard requirement checked at scheduling time.' }),
      f('preferredDuringSchedulingIgnoredDuringExecution', list(ref('PreferredSchedulingTerm')), 2, { listType: 'atomic', desc: 'Soft preference weighed at scheduling time.' }),
    ]);
    type('NodeCondition', 'One condition of a Node.', [
      f('type', str, 1, { required: true, keepZero: true, desc: 'Type of this entry.' }),
      f('status', str, 2, { required: true, keepZero: true, desc: 'The observed state, written by the system.' }),
      f('lastHeartbeatTime', time, 3, { desc: 'When the node last reported this condition.' }),
      f('lastTransitionTime', time, 4, { desc: 'When the condition last changed status.' }),
      f('reason', str, 5, { desc: 'Machine-readable, CamelCase reason for the last transition.' }),
      f('message', str, 6, { desc: 'Human-readable detail.' }),
    ]);
    type('NodeConfigSource', '', [
      f('configMap', ref('ConfigMapNodeConfigSource'), 2, { desc: 'ConfigMap holding the kubelet configuration.' }),
    ]);
    type('NodeConfigStatus', '', [
      f('assigned', ref('NodeConfigSource'), 1, { desc: 'Configuration the node was assigned.' }),
      f('active', ref('NodeConfigSource'), 2, { desc: 'Configuration the node is using.' }),
      f('lastKnownGood', ref('NodeConfigSource'), 3, { desc: 'Configuration last known to work.' }),
      f('error', str, 4, { desc: 'Error, if any.' }),
    ]);
    type('NodeDaemonEndpoints', '', [
      f('kubeletEndpoint', ref('DaemonEndpoint'), 1, { desc: 'Port of the kubelet.' }),
    ]);
    type('NodeFeatures', '', [
      f('supplementalGroupsPolicy', bool, 1, { keepZero: true, desc: 'Whether the node supports supplementalGroupsPolicy.' }),
    ]);
    kind('NodeList', 'A list of Node objects.', [
      f('metadata', ref('meta.ListMeta'), 1, { desc: 'List metadata: resourceVersion and continue token.' }),
      f('items', list(ref('Node')), 2, { required: true, desc: 'The objects in this list.' }),
    ]);
    type('NodeRuntimeHandler', '', [
      f('name', str, 1, { keepZero: true, desc: 'Name, unique within its scope.' }),
      f('features', ref('NodeRuntimeHandlerFeatures'), 2, { desc: 'Supported features.' }),
    ]);
    type('NodeRuntimeHandlerFeatures', '', [
      f('recursiveReadOnlyMounts', bool, 1, { keepZero: true, desc: 'Whether recursive read-only mounts are supported.' }),
      f('userNamespaces', bool, 2, { keepZero: true, desc: 'Whether user namespaces are supported.' }),
    ]);
    type('NodeSelector', '', [
      f('nodeSelectorTerms', list(ref('NodeSelectorTerm')), 1, { listType: 'atomic', required: true, desc: 'Terms ORed together; each term\'s requirements are ANDed.' }),
    ]);
    type('NodeSelectorRequirement', '', [
      f('key', str, 1, { required: true, keepZero: true, desc: 'The key this entry refers to.' }),
      f('operator', str, 2, { required: true, keepZero: true, desc: 'How key relates to values: In, NotIn, Exists, DoesNotExist (and Gt, Lt for nodes).' }),
      f('values', list(str), 3, { listType: 'atomic', desc: 'Values for the operator; empty for Exists/DoesNotExist.' }),
    ]);
    type('NodeSelectorTerm', '', [
      f('matchExpressions', list(ref('NodeSelectorRequirement')), 1, { listType: 'atomic', desc: 'Set-based label requirements, all of which must match.' }),
      f('matchFields', list(ref('NodeSelectorRequirement')), 2, { listType: 'atomic', desc: 'Requirements on node fields.' }),
    ]);
    type('NodeSpec', 'Desired state of a Node.', [
      f('podCIDR', str, 1, { desc: 'Pod IP range assigned to the node.' }),
      f('podCIDRs', list(str), 7, { strategy: 'merge', listType: 'set', desc: 'Pod IP ranges assigned to the node.' }),
      f('providerID', str, 3, { desc: 'Cloud provider id of the node.' }),
      f('unschedulable', bool, 4, { desc: 'Keeps new pods off the node (cordon).' }),
      f('taints', list(ref('Taint')), 5, { listType: 'atomic', desc: 'Taints repelling pods that do not tolerate them.' }),
      f('configSource', ref('NodeConfigSource'), 6, { desc: 'Deprecated dynamic kubelet configuration source.' }),
      f('externalID', str, 2, { desc: 'Deprecated.' }),
    ]);
    type('NodeStatus', 'Observed state of a Node.', [
      f('capacity', map(qty), 1, { desc: 'Total resources.' }),
      f('allocatable', map(qty), 2, { desc: 'Resources available for scheduling.' }),
      f('phase', str, 3, { desc: 'Coarse lifecycle phase.' }),
      f('conditions', list(ref('NodeCondition')), 4, { mergeKey: 'type', strategy: 'merge', listType: 'map', keys: ['type'], desc: 'Latest observations of the object\'s state.' }),
      f('addresses', list(ref('NodeAddress')), 5, { mergeKey: 'type', strategy: 'merge', listType: 'map', keys: ['type'], desc: 'Addresses of endpoints.' }),
      f('daemonEndpoints', ref('NodeDaemonEndpoints'), 6, { desc: 'Ports of daemons on the node.' }),
      f('nodeInfo', ref('NodeSystemInfo'), 7, { desc: 'Versions and ids reported by the node.' }),
      f('images', list(ref('ContainerImage')), 8, { listType: 'atomic', desc: 'Images present on the node.' }),
      f('volumesInUse', list(str), 9, { listType: 'atomic', desc: 'Volumes in use (mounted) on the node.' }),
      f('volumesAttached', list(ref('AttachedVolume')), 10, { listType: 'atomic', desc: 'Volumes attached to the node.' }),
      f('config', ref('NodeConfigStatus'), 11, { desc: 'Status of the node configuration.' }),
      f('runtimeHandlers', list(ref('NodeRuntimeHandler')), 12, { listType: 'atomic', desc: 'Available runtime handlers.' }),
      f('features', ref('NodeFeatures'), 13, { desc: 'Supported features.' }),
    ]);
    type('NodeSystemInfo', '', [
      f('machineID', str, 1, { required: true, keepZero: true, desc: 'Machine id reported by the node.' }),
      f('systemUUID', str, 2, { required: true, keepZero: true, desc: 'System UUID reported by the node.' }),
      f('bootID', str, 3, { required: true, keepZero: true, desc: 'Boot id of the node.' }),
      f('kernelVersion', str, 4, { required: true, keepZero: true, desc: 'Kernel version.' }),
      f('osImage', str, 5, { required: true, keepZero: true, desc: 'Operating system image.' }),
      f('containerRuntimeVersion', str, 6, { required: true, keepZero: true, desc: 'Container runtime and version.' }),
      f('kubeletVersion', str, 7, { required: true, keepZero: true, desc: 'Kubelet version.' }),
      f('kubeProxyVersion', str, 8, { required: true, keepZero: true, desc: 'Deprecated kube-proxy version.' }),
      f('operatingSystem', str, 9, { required: true, keepZero: true, desc: 'Operating system (linux or windows).' }),
      f('architecture', str, 10, { required: true, keepZero: true, desc: 'CPU architecture.' }),
    ]);
    type('ObjectFieldSelector', '', [
      f('apiVersion', str, 1, { desc: 'API group/version of the referenced or described object.' }),
      f('fieldPath', str, 2, { required: true, keepZero: true, desc: 'Path of the field.' }),
    ]);
    type('ObjectReference', 'A reference to another object.', [
      f('kind', str, 1, { desc: 'Kind of the referenced or described object.' }),
      f('namespace', str, 2, { desc: 'Namespace the object or reference lives in.' }),
      f('name', str, 3, { desc: 'Name, unique within its scope.' }),
      f('uid', str, 4, { desc: 'Unique id assigned by the server at creation.' }),
      f('apiVersion', str, 5, { desc: 'API group/version of the referenced or described object.' }),
      f('resourceVersion', str, 6, { desc: 'Opaque version of the object, for optimistic concurrency and watches.' }),
      f('fieldPath', str, 7, { desc: 'Path of the field.' }),
    ]);
    kind('PersistentVolume', 'A piece of storage provisioned in the cluster.', [
      f('metadata', ref('meta.ObjectMeta'), 1, { desc: 'Standard object metadata: name, namespace, labels, annotations, owners.' }),
      f('spec', ref('PersistentVolumeSpec'), 2, { desc: 'The desired state, as the user declares it.' }),
      f('status', ref('PersistentVolumeStatus'), 3, { desc: 'The observed state, written by the system.' }),
    ]);
    kind('PersistentVolumeClaim', 'A request for storage by a user.', [
      f('metadata', ref('meta.ObjectMeta'), 1, { desc: 'Standard object metadata: name, namespace, labels, annotations, owners.' }),
      f('spec', ref('PersistentVolumeClaimSpec'), 2, { desc: 'The desired state, as the user declares it.' }),
      f('status', ref('PersistentVolumeClaimStatus'), 3, { desc: 'The observed state, written by the system.' }),
    ]);
    type('PersistentVolumeClaimCondition', 'One condition of a PersistentVolumeClaim.', [
      f('type', str, 1, { required: true, keepZero: true, desc: 'Type of this entry.' }),
      f('status', str, 2, { required: true, keepZero: true, desc: 'The observed state, written by the system.' }),
      f('lastProbeTime', time, 3, { desc: 'When the condition was last checked.' }),
      f('lastTransitionTime', time, 4, { desc: 'When the condition last changed status.' }),
      f('reason', str, 5, { desc: 'Machine-readable, CamelCase reason for the last transition.' }),
      f('message', str, 6, { desc: 'Human-readable detail.' }),
    ]);
    kind('PersistentVolumeClaimList', 'A list of PersistentVolumeClaim objects.', [
      f('metadata', ref('meta.ListMeta'), 1, { desc: 'List metadata: resourceVersion and continue token.' }),
      f('items', list(ref('PersistentVolumeClaim')), 2, { required: true, desc: 'The objects in this list.' }),
    ]);
    type('PersistentVolumeClaimSpec', 'Desired state of a PersistentVolumeClaim.', [
      f('accessModes', list(str), 1, { listType: 'atomic', desc: 'How the volume may be mounted (ReadWriteOnce, ReadOnlyMany, ...).' }),
      f('selector', ref('meta.LabelSelector'), 4, { desc: 'Label query selecting the objects this one manages or targets.' }),
      f('resources', ref('VolumeResourceRequirements'), 2, { desc: 'Compute resource requests and limits.' }),
      f('volumeName', str, 3, { desc: 'PersistentVolume bound to this claim.' }),
      f('storageClassName', str, 5, { keepZero: true, desc: 'StorageClass to provision from.' }),
      f('volumeMode', str, 6, { keepZero: true, desc: 'Filesystem or Block.' }),
      f('dataSource', ref('TypedLocalObjectReference'), 7, { desc: 'Existing volume snapshot or claim to populate the volume from.' }),
      f('dataSourceRef', ref('TypedObjectReference'), 8, { desc: 'Object to populate the volume from.' }),
      f('volumeAttributesClassName', str, 9, { keepZero: true, desc: 'VolumeAttributesClass of the volume.' }),
    ]);
    type('PersistentVolumeClaimStatus', 'Observed state of a PersistentVolumeClaim.', [
      f('phase', str, 1, { desc: 'Coarse lifecycle phase.' }),
      f('accessModes', list(str), 2, { listType: 'atomic', desc: 'How the volume may be mounted (ReadWriteOnce, ReadOnlyMany, ...).' }),
      f('capacity', map(qty), 3, { desc: 'Total resources.' }),
      f('conditions', list(ref('PersistentVolumeClaimCondition')), 4, { mergeKey: 'type', strategy: 'merge', listType: 'map', keys: ['type'], desc: 'Latest observations of the object\'s state.' }),
      f('allocatedResources', map(qty), 5, { desc: 'Resources allocated to it.' }),
      f('allocatedResourceStatuses', map(str), 7, { mapType: 'granular', desc: 'Progress of resource resizes.' }),
      f('currentVolumeAttributesClassName', str, 8, { keepZero: true, desc: 'VolumeAttributesClass currently applied.' }),
      f('modifyVolumeStatus', ref('ModifyVolumeStatus'), 9, { desc: 'Progress of a volume modification.' }),
    ]);
    type('PersistentVolumeClaimTemplate', '', [
      f('metadata', ref('meta.ObjectMeta'), 1, { desc: 'Standard object metadata: name, namespace, labels, annotations, owners.' }),
      f('spec', ref('PersistentVolumeClaimSpec'), 2, { required: true, desc: 'The desired state, as the user declares it.' }),
    ]);
    type('PersistentVolumeClaimVolumeSource', 'Volume source: PersistentVolumeClaim.', [
      f('claimName', str, 1, { required: true, keepZero: true, desc: 'Name of the PersistentVolumeClaim.' }),
      f('readOnly', bool, 2, { desc: 'Mount read-only.' }),
    ]);
    kind('PersistentVolumeList', 'A list of PersistentVolume objects.', [
      f('metadata', ref('meta.ListMeta'), 1, { desc: 'List metadata: resourceVersion and continue token.' }),
      f('items', list(ref('PersistentVolume')), 2, { required: true, desc: 'The objects in this list.' }),
    ]);
    type('PersistentVolumeSource', 'Volume source: Persistent.', [
      f('gcePersistentDisk', ref('GCEPersistentDiskVolumeSource'), 1, { desc: 'A GCE persistent disk.' }),
      f('awsElasticBlockStore', ref('AWSElasticBlockStoreVolumeSource'), 2, { desc: 'An AWS EBS volume.' }),
      f('hostPath', ref('HostPathVolumeSource'), 3, { desc: 'A file or directory of the node.' }),
      f('glusterfs', ref('GlusterfsPersistentVolumeSource'), 4, { desc: 'A Glusterfs mount.' }),
      f('nfs', ref('NFSVolumeSource'), 5, { desc: 'An NFS export.' }),
      f('rbd', ref('RBDPersistentVolumeSource'), 6, { desc: 'A Rados block device.' }),
      f('iscsi', ref('ISCSIPersistentVolumeSource'), 7, { desc: 'An iSCSI disk.' }),
      f('cinder', ref('CinderPersistentVolumeSource'), 8, { desc: 'An OpenStack Cinder volume.' }),
      f('cephfs', ref('CephFSPersistentVolumeSource'), 9, { desc: 'A CephFS mount.' }),
      f('fc', ref('FCVolumeSource'), 10, { desc: 'A Fibre Channel volume.' }),
      f('flocker', ref('FlockerVolumeSource'), 11, { desc: 'A Flocker volume.' }),
      f('flexVolume', ref('FlexPersistentVolumeSource'), 12, { desc: 'A FlexVolume driver volume.' }),
      f('azureFile', ref('AzureFilePersistentVolumeSource'), 13, { desc: 'An Azure file share.' }),
      f('vsphereVolume', ref('VsphereVirtualDiskVolumeSource'), 14, { desc: 'A vSphere volume.' }),
      f('quobyte', ref('QuobyteVolumeSource'), 15, { desc: 'A Quobyte mount.' }),
      f('azureDisk', ref('AzureDiskVolumeSource'), 16, { desc: 'An Azure data disk.' }),
      f('photonPersistentDisk', ref('PhotonPersistentDiskVolumeSource'), 17, { desc: 'A Photon persistent disk.' }),
      f('portworxVolume', ref('PortworxVolumeSource'), 18, { desc: 'A Portworx volume.' }),
      f('scaleIO', ref('ScaleIOPersistentVolumeSource'), 19, { desc: 'A ScaleIO volume.' }),
      f('local', ref('LocalVolumeSource'), 20, { desc: 'A local disk of the node.' }),
      f('storageos', ref('StorageOSPersistentVolumeSource'), 21, { desc: 'A StorageOS volume.' }),
      f('csi', ref('CSIPersistentVolumeSource'), 22, { desc: 'A volume provided by a CSI driver.' }),
    ]);
    type('PersistentVolumeSpec', 'Desired state of a PersistentVolume.', [
      f('capacity', map(qty), 1, { desc: 'Total resources.' }),
      f('persistentVolumeSource', ref('PersistentVolumeSource'), 2, { inline: true }),
      f('accessModes', list(str), 3, { listType: 'atomic', desc: 'How the volume may be mounted (ReadWriteOnce, ReadOnlyMany, ...).' }),
      f('claimRef', ref('ObjectReference'), 4, { structType: 'granular', desc: 'Claim this volume is bound to.' }),
      f('persistentVolumeReclaimPolicy', str, 5, { desc: 'What happens to the volume when released: Retain, Delete or Recycle.' }),
      f('storageClassName', str, 6, { desc: 'StorageClass to provision from.' }),
      f('mountOptions', list(str), 7, { listType: 'atomic', desc: 'Mount options.' }),
      f('volumeMode', str, 8, { keepZero: true, desc: 'Filesystem or Block.' }),
      f('nodeAffinity', ref('VolumeNodeAffinity'), 9, { desc: 'Nodes the volume can be used from.' }),
      f('volumeAttributesClassName', str, 10, { keepZero: true, desc: 'VolumeAttributesClass of the volume.' }),
    ]);
    type('PersistentVolumeStatus', 'Observed state of a PersistentVolume.', [
      f('phase', str, 1, { desc: 'Coarse lifecycle phase.' }),
      f('message', str, 2, { desc: 'Human-readable detail.' }),
      f('reason', str, 3, { desc: 'Machine-readable, CamelCase reason for the last transition.' }),
      f('lastPhaseTransitionTime', time, 4, { desc: 'When the phase last changed.' }),
    ]);
    type('PhotonPersistentDiskVolumeSource', 'Volume source: PhotonPersistentDisk.', [
      f('pdID', str, 1, { required: true, keepZero: true, desc: 'Id of the persistent disk.' }),
      f('fsType', str, 2, { desc: 'Filesystem type to mount, e.g. ext4.' }),
    ]);
    kind('Pod', 'A group of containers scheduled together on one node.', [
      f('metadata', ref('meta.ObjectMeta'), 1, { desc: 'Standard object metadata: name, namespace, labels, annotations, owners.' }),
      f('spec', ref('PodSpec'), 2, { desc: 'The desired state, as the user declares it.' }),
      f('status', ref('PodStatus'), 3, { desc: 'The observed state, written by the system.' }),
    ]);
    type('PodAffinity', '', [
      f('requiredDuringSchedulingIgnoredDuringExecution', list(ref('PodAffinityTerm')), 1, { listType: 'atomic', desc: 'Hard requirement checked at scheduling time.' }),
      f('preferredDuringSchedulingIgnoredDuringExecution', list(ref('WeightedPodAffinityTerm')), 2, { listType: 'atomic', desc: 'Soft preference weighed at scheduling time.' }),
    ]);
    type('PodAffinityTerm', '', [
      f('labelSelector', ref('meta.LabelSelector'), 1, { desc: 'Label query over pods.' }),
      f('namespaces', list(str), 2, { listType: 'atomic', desc: 'Namespaces the term applies to.' }),
      f('topologyKey', str, 3, { required: true, keepZero: true, desc: 'Node label whose values define the topology domains.' }),
      f('namespaceSelector', ref('meta.LabelSelector'), 4, { desc: 'Label query over namespaces.' }),
      f('matchLabelKeys', list(str), 5, { listType: 'atomic', desc: 'Pod label keys whose values must match the incoming pod\'s.' }),
      f('mismatchLabelKeys', list(str), 6, { listType: 'atomic', desc: 'Pod label keys whose values must differ from the incoming pod\'s.' }),
    ]);
    type('PodAntiAffinity', '', [
      f('requiredDuringSchedulingIgnoredDuringExecution', list(ref('PodAffinityTerm')), 1, { listType: 'atomic', desc: 'Hard requirement checked at scheduling time.' }),
      f('preferredDuringSchedulingIgnoredDuringExecution', list(ref('WeightedPodAffinityTerm')), 2, { listType: 'atomic', desc: 'Soft preference weighed at scheduling time.' }),
    ]);
    type('PodCondition', 'One condition of a Pod.', [
      f('type', str, 1, { required: true, keepZero: true, desc: 'Type of this entry.' }),
      f('status', str, 2, { required: true, keepZero: true, desc: 'The observed state, written by the system.' }),
      f('lastProbeTime', time, 3, { desc: 'When the condition was last checked.' }),
      f('lastTransitionTime', time, 4, { desc: 'When the condition last changed status.' }),
      f('reason', str, 5, { desc: 'Machine-readable, CamelCase reason for the last transition.' }),
      f('message', str, 6, { desc: 'Human-readable detail.' }),
    ]);
    type('PodDNSConfig', '', [
      f('nameservers', list(str), 1, { listType: 'atomic', desc: 'DNS server IPs.' }),
      f('searches', list(str), 2, { listType: 'atomic', desc: 'DNS search domains.' }),
      f('options', list(ref('PodDNSConfigOption')), 3, { listType: 'atomic', desc: 'Resolver options.' }),
    ]);
    type('PodDNSConfigOption', '', [
      f('name', str, 1, { desc: 'Name, unique within its scope.' }),
      f('value', str, 2, { keepZero: true, desc: 'The value.' }),
    ]);
    type('PodIP', '', [
      f('ip', str, 1, { required: true, keepZero: true, desc: 'IP address.' }),
    ]);
    kind('PodList', 'A list of Pod objects.', [
      f('metadata', ref('meta.ListMeta'), 1, { desc: 'List metadata: resourceVersion and continue token.' }),
      f('items', list(ref('Pod')), 2, { required: true, desc: 'The objects in this list.' }),
    ]);
    type('PodOS', '', [
      f('name', str, 1, { required: true, keepZero: true, desc: 'Name, unique within its scope.' }),
    ]);
    type('PodReadinessGate', '', [
      f('conditionType', str, 1, { required: true, keepZero: true, desc: 'Pod condition type that must be true.' }),
    ]);
    type('PodResourceClaim', '', [
      f('name', str, 1, { required: true, keepZero: true, desc: 'Name, unique within its scope.' }),
      f('resourceClaimName', str, 3, { keepZero: true, desc: 'Name of a ResourceClaim.' }),
      f('resourceClaimTemplateName', str, 4, { keepZero: true, desc: 'Name of a ResourceClaimTemplate.' }),
    ]);
    type('PodResourceClaimStatus', 'Observed state of a PodResourceClaim.', [
      f('name', str, 1, { required: true, keepZero: true, desc: 'Name, unique within its scope.' }),
      f('resourceClaimName', str, 2, { keepZero: true, desc: 'Name of a ResourceClaim.' }),
    ]);
    type('PodSchedulingGate', '', [
      f('name', str, 1, { required: true, keepZero: true, desc: 'Name, unique within its scope.' }),
    ]);
    type('PodSecurityContext', '', [
      f('seLinuxOptions', ref('SELinuxOptions'), 1, { desc: 'SELinux context to apply.' }),
      f('windowsOptions', ref('WindowsSecurityContextOptions'), 8, { desc: 'Windows-specific settings.' }),
      f('runAsUser', i64, 2, { keepZero: true, desc: 'UID to run the process as.' }),
      f('runAsGroup', i64, 6, { keepZero: true, desc: 'GID to run the process as.' }),
      f('runAsNonRoot', bool, 3, { keepZero: true, desc: 'Refuse to start the container as root.' }),
      f('supplementalGroups', list(i64), 4, { listType: 'atomic', desc: 'Extra groups of the first process.' }),
      f('supplementalGroupsPolicy', str, 12, { keepZero: true, desc: 'How supplemental groups of the first process are computed.' }),
      f('fsGroup', i64, 5, { keepZero: true, desc: 'Group that owns mounted volumes.' }),
      f('sysctls', list(ref('Sysctl')), 7, { listType: 'atomic', desc: 'Namespaced kernel parameters to set.' }),
      f('fsGroupChangePolicy', str, 9, { keepZero: true, desc: 'When volume ownership is changed to fsGroup.' }),
      f('seccompProfile', ref('SeccompProfile'), 10, { desc: 'Seccomp profile to apply.' }),
      f('appArmorProfile', ref('AppArmorProfile'), 11, { desc: 'AppArmor profile to apply.' }),
      f('seLinuxChangePolicy', str, 13, { keepZero: true, desc: 'How SELinux labels are applied to volumes.' }),
    ]);
    type('PodSpec', 'Description of a pod: its containers, volumes and scheduling.', [
      f('volumes', list(ref('Volume')), 1, { mergeKey: 'name', strategy: 'merge,retainKeys', listType: 'map', keys: ['name'], desc: 'Volumes the pod\'s containers can mount.' }),
      f('initContainers', list(ref('Container')), 20, { mergeKey: 'name', strategy: 'merge', listType: 'map', keys: ['name'], desc: 'Containers run to completion, in order, before the app containers start.' }),
      f('containers', list(ref('Container')), 2, { mergeKey: 'name', strategy: 'merge', listType: 'map', keys: ['name'], required: true, desc: 'The pod\'s application containers.' }),
      f('ephemeralContainers', list(ref('EphemeralContainer')), 34, { mergeKey: 'name', strategy: 'merge', listType: 'map', keys: ['name'], desc: 'Debugging containers added to a running pod.' }),
      f('restartPolicy', str, 3, { desc: 'Always, OnFailure or Never.' }),
      f('terminationGracePeriodSeconds', i64, 4, { keepZero: true, desc: 'Seconds given to stop gracefully before being killed.' }),
      f('activeDeadlineSeconds', i64, 5, { keepZero: true, desc: 'Seconds before the system actively terminates it.' }),
      f('dnsPolicy', str, 6, { desc: 'How DNS is configured (ClusterFirst by default).' }),
      f('nodeSelector', map(str), 7, { mapType: 'atomic', desc: 'Labels a node must have for the pod to be scheduled there.' }),
      f('serviceAccountName', str, 8, { desc: 'ServiceAccount the pod runs as.' }),
      f('serviceAccount', str, 9, { desc: 'Deprecated alias of serviceAccountName.' }),
      f('automountServiceAccountToken', bool, 21, { keepZero: true, desc: 'Whether an API token is mounted automatically.' }),
      f('nodeName', str, 10, { desc: 'Node the pod is bound to.' }),
      f('hostNetwork', bool, 11, { desc: 'Use the node\'s network namespace.' }),
      f('hostPID', bool, 12, { desc: 'Use the node\'s PID namespace.' }),
      f('hostIPC', bool, 13, { desc: 'Use the node\'s IPC namespace.' }),
      f('shareProcessNamespace', bool, 27, { keepZero: true, desc: 'Share one process namespace between the pod\'s containers.' }),
      f('securityContext', ref('PodSecurityContext'), 14, { desc: 'Security attributes (user, group, capabilities, seccomp...).' }),
      f('imagePullSecrets', list(ref('LocalObjectReference')), 15, { mergeKey: 'name', strategy: 'merge', listType: 'map', keys: ['name'], desc: 'Secrets with registry credentials for pulling images.' }),
      f('hostname', str, 16, { desc: 'Hostname of the pod.' }),
      f('subdomain', str, 17, { desc: 'Subdomain that, with hostname, gives the pod a DNS name.' }),
      f('affinity', ref('Affinity'), 18, { desc: 'Scheduling constraints relative to nodes and other pods.' }),
      f('schedulerName', str, 19, { desc: 'Scheduler responsible for the pod.' }),
      f('tolerations', list(ref('Toleration')), 22, { listType: 'atomic', desc: 'Taints the pod tolerates.' }),
      f('hostAliases', list(ref('HostAlias')), 23, { mergeKey: 'ip', strategy: 'merge', listType: 'map', keys: ['ip'], desc: 'Extra entries for the pod\'s /etc/hosts.' }),
      f('priorityClassName', str, 24, { desc: 'PriorityClass giving the pod its priority.' }),
      f('priority', i32, 25, { keepZero: true, desc: 'Scheduling priority (higher is more important).' }),
      f('dnsConfig', ref('PodDNSConfig'), 26, { desc: 'Extra DNS settings merged into the generated configuration.' }),
      f('readinessGates', list(ref('PodReadinessGate')), 28, { listType: 'atomic', desc: 'Extra conditions that must be true for the pod to be ready.' }),
      f('runtimeClassName', str, 29, { keepZero: true, desc: 'RuntimeClass to run the pod with.' }),
      f('enableServiceLinks', bool, 30, { keepZero: true, desc: 'Inject environment variables describing services.' }),
      f('preemptionPolicy', str, 31, { keepZero: true, desc: 'Whether this pod may preempt lower-priority pods.' }),
      f('overhead', map(qty), 32, { desc: 'Resources consumed by the pod sandbox itself.' }),
      f('topologySpreadConstraints', list(ref('TopologySpreadConstraint')), 33, { mergeKey: 'topologyKey', strategy: 'merge', listType: 'map', keys: ['topologyKey', 'whenUnsatisfiable'], desc: 'How pods spread across topology domains.' }),
      f('setHostnameAsFQDN', bool, 35, { keepZero: true, desc: 'Use the fully qualified domain name as hostname.' }),
      f('os', ref('PodOS'), 36, { desc: 'Operating system the pod needs.' }),
      f('hostUsers', bool, 37, { keepZero: true, desc: 'Use the host user namespace (true) or a new one (false).' }),
      f('schedulingGates', list(ref('PodSchedulingGate')), 38, { mergeKey: 'name', strategy: 'merge', listType: 'map', keys: ['name'], desc: 'Gates that keep the pod unscheduled until removed.' }),
      f('resourceClaims', list(ref('PodResourceClaim')), 39, { mergeKey: 'name', strategy: 'merge,retainKeys', listType: 'map', keys: ['name'], desc: 'Dynamic resource claims the pod uses.' }),
      f('resources', ref('ResourceRequirements'), 40, { desc: 'Compute resource requests and limits.' }),
    ]);
    type('PodStatus', 'Observed state of a Pod.', [
      f('phase', str, 1, { desc: 'Coarse lifecycle phase.' }),
      f('conditions', list(ref('PodCondition')), 2, { mergeKey: 'type', strategy: 'merge', listType: 'map', keys: ['type'], desc: 'Latest observations of the object\'s state.' }),
      f('message', str, 3, { desc: 'Human-readable detail.' }),
      f('reason', str, 4, { desc: 'Machine-readable, CamelCase reason for the last transition.' }),
      f('nominatedNodeName', str, 11, { desc: 'Node the pod may run on after preemption.' }),
      f('hostIP', str, 5, { desc: 'IP of the node the pod runs on.' }),
      f('hostIPs', list(ref('HostIP')), 16, { mergeKey: 'ip', strategy: 'merge', listType: 'atomic', desc: 'IPs of the node.' }),
      f('podIP', str, 6, { desc: 'IP of the pod.' }),
      f('podIPs', list(ref('PodIP')), 12, { mergeKey: 'ip', strategy: 'merge', listType: 'map', keys: ['ip'], desc: 'IPs of the pod.' }),
      f('startTime', time, 7, { desc: 'When processing started.' }),
      f('initContainerStatuses', list(ref('ContainerStatus')), 10, { listType: 'atomic', desc: 'Status of the init containers.' }),
      f('containerStatuses', list(ref('ContainerStatus')), 8, { listType: 'atomic', desc: 'Status of the containers.' }),
      f('qosClass', str, 9, { desc: 'Quality of service class.' }),
      f('ephemeralContainerStatuses', list(ref('ContainerStatus')), 13, { listType: 'atomic', desc: 'Status of the ephemeral containers.' }),
      f('resize', str, 14, { desc: 'Progress of an in-place resize.' }),
      f('resourceClaimStatuses', list(ref('PodResourceClaimStatus')), 15, { mergeKey: 'name', strategy: 'merge,retainKeys', listType: 'map', keys: ['name'], desc: 'Status of the resource claims.' }),
    ]);
    kind('PodTemplate', 'A reusable pod template.', [
      f('metadata', ref('meta.ObjectMeta'), 1, { desc: 'Standard object metadata: name, namespace, labels, annotations, owners.' }),
      f('template', ref('PodTemplateSpec'), 2, { desc: 'Pod template the controller creates pods from.' }),
    ]);
    kind('PodTemplateList', 'A list of PodTemplate objects.', [
      f('metadata', ref('meta.ListMeta'), 1, { desc: 'List metadata: resourceVersion and continue token.' }),
      f('items', list(ref('PodTemplate')), 2, { required: true, desc: 'The objects in this list.' }),
    ]);
    type('PodTemplateSpec', 'Pod metadata and spec used to create pods.', [
      f('metadata', ref('meta.ObjectMeta'), 1, { desc: 'Standard object metadata: name, namespace, labels, annotations, owners.' }),
      f('spec', ref('PodSpec'), 2, { desc: 'The desired state, as the user declares it.' }),
    ]);
    type('PortStatus', '', [
      f('port', i32, 1, { required: true, keepZero: true, desc: 'Port number or name.' }),
      f('protocol', str, 2, { required: true, keepZero: true, desc: 'TCP, UDP or SCTP.' }),
      f('error', str, 3, { keepZero: true, desc: 'Error, if any.' }),
    ]);
    type('PortworxVolumeSource', 'Volume source: Portworx.', [
      f('volumeID', str, 1, { required: true, keepZero: true, desc: 'Id of the volume in its storage system.' }),
      f('fsType', str, 2, { desc: 'Filesystem type to mount, e.g. ext4.' }),
      f('readOnly', bool, 3, { desc: 'Mount read-only.' }),
    ]);
    type('PreferredSchedulingTerm', '', [
      f('weight', i32, 1, { required: true, keepZero: true, desc: 'Relative weight of this preference.' }),
      f('preference', ref('NodeSelectorTerm'), 2, { required: true, desc: 'Node requirements of this preference.' }),
    ]);
    type('Probe', 'A health check of a container.', [
      f('handler', ref('ProbeHandler'), 1, { inline: true }),
      f('initialDelaySeconds', i32, 2, { desc: 'Seconds after start before probing.' }),
      f('timeoutSeconds', i32, 3, { desc: 'Seconds before a probe attempt times out.' }),
      f('periodSeconds', i32, 4, { desc: 'Seconds between probes.' }),
      f('successThreshold', i32, 5, { desc: 'Consecutive successes needed after a failure.' }),
      f('failureThreshold', i32, 6, { desc: 'Consecutive failures before giving up.' }),
      f('terminationGracePeriodSeconds', i64, 7, { keepZero: true, desc: 'Seconds given to stop gracefully before being killed.' }),
    ]);
    type('ProbeHandler', '', [
      f('exec', ref('ExecAction'), 1, { desc: 'Run a command; exit status 0 means success.' }),
      f('httpGet', ref('HTTPGetAction'), 2, { desc: 'Send an HTTP GET; 2xx/3xx means success.' }),
      f('tcpSocket', ref('TCPSocketAction'), 3, { desc: 'Open a TCP connection.' }),
      f('grpc', ref('GRPCAction'), 4, { desc: 'Call the gRPC health service.' }),
    ]);
    type('ProjectedVolumeSource', 'Volume source: Projected.', [
      f('sources', list(ref('VolumeProjection')), 1, { listType: 'atomic', desc: 'Sources to project.' }),
      f('defaultMode', i32, 2, { keepZero: true, desc: 'Permission bits for created files.' }),
    ]);
    type('QuobyteVolumeSource', 'Volume source: Quobyte.', [
      f('registry', str, 1, { required: true, keepZero: true, desc: 'Quobyte registry address.' }),
      f('volume', str, 2, { required: true, keepZero: true, desc: 'Volume name.' }),
      f('readOnly', bool, 3, { desc: 'Mount read-only.' }),
      f('user', str, 4, { desc: 'User name.' }),
      f('group', str, 5, { desc: 'Group to map volume access to.' }),
      f('tenant', str, 6, { desc: 'Owning tenant.' }),
    ]);
    type('RBDPersistentVolumeSource', 'Volume source: RBDPersistent.', [
      f('monitors', list(str), 1, { listType: 'atomic', required: true, desc: 'Ceph monitor addresses.' }),
      f('image', str, 2, { required: true, keepZero: true, desc: 'Rados image name.' }),
      f('fsType', str, 3, { desc: 'Filesystem type to mount, e.g. ext4.' }),
      f('pool', str, 4, { desc: 'Storage pool.' }),
      f('user', str, 5, { desc: 'User name.' }),
      f('keyring', str, 6, { desc: 'Path to the key ring.' }),
      f('secretRef', ref('SecretReference'), 7, { desc: 'Secret to read from.' }),
      f('readOnly', bool, 8, { desc: 'Mount read-only.' }),
    ]);
    type('RBDVolumeSource', 'Volume source: RBD.', [
      f('monitors', list(str), 1, { listType: 'atomic', required: true, desc: 'Ceph monitor addresses.' }),
      f('image', str, 2, { required: true, keepZero: true, desc: 'Rados image name.' }),
      f('fsType', str, 3, { desc: 'Filesystem type to mount, e.g. ext4.' }),
      f('pool', str, 4, { desc: 'Storage pool.' }),
      f('user', str, 5, { desc: 'User name.' }),
      f('keyring', str, 6, { desc: 'Path to the key ring.' }),
      f('secretRef', ref('LocalObjectReference'), 7, { desc: 'Secret to read from.' }),
      f('readOnly', bool, 8, { desc: 'Mount read-only.' }),
    ]);
    kind('ReplicationController', 'Keeps a number of pod replicas running (older form of ReplicaSet).', [
      f('metadata', ref('meta.ObjectMeta'), 1, { desc: 'Standard object metadata: name, namespace, labels, annotations, owners.' }),
      f('spec', ref('ReplicationControllerSpec'), 2, { desc: 'The desired state, as the user declares it.' }),
      f('status', ref('ReplicationControllerStatus'), 3, { desc: 'The observed state, written by the system.' }),
    ]);
    type('ReplicationControllerCondition', 'One condition of a ReplicationController.', [
      f('type', str, 1, { required: true, keepZero: true, desc: 'Type of this entry.' }),
      f('status', str, 2, { required: true, keepZero: true, desc: 'The observed state, written by the system.' }),
      f('lastTransitionTime', time, 3, { desc: 'When the condition last changed status.' }),
      f('reason', str, 4, { desc: 'Machine-readable, CamelCase reason for the last transition.' }),
      f('message', str, 5, { desc: 'Human-readable detail.' }),
    ]);
    kind('ReplicationControllerList', 'A list of ReplicationController objects.', [
      f('metadata', ref('meta.ListMeta'), 1, { desc: 'List metadata: resourceVersion and continue token.' }),
      f('items', list(ref('ReplicationController')), 2, { required: true, desc: 'The objects in this list.' }),
    ]);
    type('ReplicationControllerSpec', 'Desired state of a ReplicationController.', [
      f('replicas', i32, 1, { keepZero: true, desc: 'Desired number of pods.' }),
      f('minReadySeconds', i32, 4, { desc: 'Seconds a new pod must be ready before it counts as available.' }),
      f('selector', map(str), 2, { mapType: 'atomic', desc: 'Label query selecting the objects this one manages or targets.' }),
      f('template', ref('PodTemplateSpec'), 3, { desc: 'Pod template the controller creates pods from.' }),
    ]);
    type('ReplicationControllerStatus', 'Observed state of a ReplicationController.', [
      f('replicas', i32, 1, { required: true, keepZero: true, desc: 'Number of pods currently targeted.' }),
      f('fullyLabeledReplicas', i32, 2, { desc: 'Pods whose labels match the template labels.' }),
      f('readyReplicas', i32, 4, { desc: 'Pods that are ready.' }),
      f('availableReplicas', i32, 5, { desc: 'Pods that have been ready for at least minReadySeconds.' }),
      f('observedGeneration', i64, 3, { desc: 'The metadata.generation this status reflects.' }),
      f('conditions', list(ref('ReplicationControllerCondition')), 6, { mergeKey: 'type', strategy: 'merge', listType: 'map', keys: ['type'], desc: 'Latest observations of the object\'s state.' }),
    ]);
    type('ResourceClaim', '', [
      f('name', str, 1, { required: true, keepZero: true, desc: 'Name, unique within its scope.' }),
      f('request', str, 2, { desc: 'Request of the claim to use.' }),
    ]);
    type('ResourceFieldSelector', '', [
      f('containerName', str, 1, { desc: 'Name of the container.' }),
      f('resource', str, 2, { required: true, keepZero: true, desc: 'Resource to expose: limits.cpu, requests.memory, ...' }),
      f('divisor', qty, 3, { desc: 'Unit the value is expressed in.' }),
    ]);
    type('ResourceHealth', '', [
      f('resourceID', str, 1, { required: true, keepZero: true, desc: 'Id of the resource.' }),
      f('health', str, 2, { desc: 'Health of the resource.' }),
    ]);
    kind('ResourceQuota', 'Limits on aggregate resource use in a namespace.', [
      f('metadata', ref('meta.ObjectMeta'), 1, { desc: 'Standard object metadata: name, namespace, labels, annotations, owners.' }),
      f('spec', ref('ResourceQuotaSpec'), 2, { desc: 'The desired state, as the user declares it.' }),
      f('status', ref('ResourceQuotaStatus'), 3, { desc: 'The observed state, written by the system.' }),
    ]);
    kind('ResourceQuotaList', 'A list of ResourceQuota objects.', [
      f('metadata', ref('meta.ListMeta'), 1, { desc: 'List metadata: resourceVersion and continue token.' }),
      f('items', list(ref('ResourceQuota')), 2, { required: true, desc: 'The objects in this list.' }),
    ]);
    type('ResourceQuotaSpec', 'Desired state of a ResourceQuota.', [
      f('hard', map(qty), 1, { desc: 'Enforced limits per resource.' }),
      f('scopes', list(str), 2, { listType: 'atomic', desc: 'Scopes the quota applies to.' }),
      f('scopeSelector', ref('ScopeSelector'), 3, { desc: 'Selector over quota scopes.' }),
    ]);
    type('ResourceQuotaStatus', 'Observed state of a ResourceQuota.', [
      f('hard', map(qty), 1, { desc: 'Enforced limits per resource.' }),
      f('used', map(qty), 2, { desc: 'Current usage per resource.' }),
    ]);
    type('ResourceRequirements', 'Compute resource requests and limits.', [
      f('limits', map(qty), 1, { desc: 'Maximum resources allowed.' }),
      f('requests', map(qty), 2, { desc: 'Minimum resources required (used for scheduling).' }),
      f('claims', list(ref('ResourceClaim')), 3, { listType: 'map', keys: ['name'], desc: 'Resource claims this container uses.' }),
    ]);
    type('ResourceStatus', '', [
      f('name', str, 1, { required: true, keepZero: true, desc: 'Name, unique within its scope.' }),
      f('resources', list(ref('ResourceHealth')), 2, { listType: 'map', keys: ['resourceID'], desc: 'Compute resource requests and limits.' }),
    ]);
    type('SELinuxOptions', '', [
      f('user', str, 1, { desc: 'SELinux user.' }),
      f('role', str, 2, { desc: 'SELinux role.' }),
      f('type', str, 3, { desc: 'Type of this entry.' }),
      f('level', str, 4, { desc: 'SELinux level.' }),
    ]);
    type('ScaleIOPersistentVolumeSource', 'Volume source: ScaleIOPersistent.', [
      f('gateway', str, 1, { required: true, keepZero: true, desc: 'Gateway address.' }),
      f('system', str, 2, { required: true, keepZero: true, desc: 'Storage system name.' }),
      f('secretRef', ref('SecretReference'), 3, { required: true, desc: 'Secret to read from.' }),
      f('sslEnabled', bool, 4, { desc: 'Use SSL.' }),
      f('protectionDomain', str, 5, { desc: 'Protection domain.' }),
      f('storagePool', str, 6, { desc: 'Storage pool.' }),
      f('storageMode', str, 7, { desc: 'Thick or thin provisioning.' }),
      f('volumeName', str, 8, { desc: 'Name of the volume in the storage system.' }),
      f('fsType', str, 9, { desc: 'Filesystem type to mount, e.g. ext4.' }),
      f('readOnly', bool, 10, { desc: 'Mount read-only.' }),
    ]);
    type('ScaleIOVolumeSource', 'Volume source: ScaleIO.', [
      f('gateway', str, 1, { required: true, keepZero: true, desc: 'Gateway address.' }),
      f('system', str, 2, { required: true, keepZero: true, desc: 'Storage system name.' }),
      f('secretRef', ref('LocalObjectReference'), 3, { required: true, desc: 'Secret to read from.' }),
      f('sslEnabled', bool, 4, { desc: 'Use SSL.' }),
      f('protectionDomain', str, 5, { desc: 'Protection domain.' }),
      f('storagePool', str, 6, { desc: 'Storage pool.' }),
      f('storageMode', str, 7, { desc: 'Thick or thin provisioning.' }),
      f('volumeName', str, 8, { desc: 'Name of the volume in the storage system.' }),
      f('fsType', str, 9, { desc: 'Filesystem type to mount, e.g. ext4.' }),
      f('readOnly', bool, 10, { desc: 'Mount read-only.' }),
    ]);
    type('ScopeSelector', '', [
      f('matchExpressions', list(ref('ScopedResourceSelectorRequirement')), 1, { listType: 'atomic', desc: 'Set-based label requirements, all of which must match.' }),
    ]);
    type('ScopedResourceSelectorRequirement', '', [
      f('scopeName', str, 1, { required: true, keepZero: true, desc: 'Name of the quota scope.' }),
      f('operator', str, 2, { required: true, keepZero: true, desc: 'How key relates to values: In, NotIn, Exists, DoesNotExist (and Gt, Lt for nodes).' }),
      f('values', list(str), 3, { listType: 'atomic', desc: 'Values for the operator; empty for Exists/DoesNotExist.' }),
    ]);
    type('SeccompProfile', '', [
      f('type', str, 1, { required: true, keepZero: true, desc: 'Type of this entry.' }),
      f('localhostProfile', str, 2, { keepZero: true, desc: 'Profile file on the node.' }),
    ]);
    kind('Secret', 'Sensitive data (passwords, keys, tokens) for pods.', [
      f('metadata', ref('meta.ObjectMeta'), 1, { desc: 'Standard object metadata: name, namespace, labels, annotations, owners.' }),
      f('immutable', bool, 5, { keepZero: true, desc: 'Once true, data can no longer be changed.' }),
      f('data', map(bytes), 2, { desc: 'Secret values, base64-encoded.' }),
      f('stringData', map(str), 4, { desc: 'Write-only convenience: plain-text values merged into data.' }),
      f('type', str, 3, { desc: 'Type of secret, e.g. Opaque or kubernetes.io/tls.' }),
    ]);
    type('SecretEnvSource', '', [
      f('localObjectReference', ref('LocalObjectReference'), 1, { inline: true }),
      f('optional', bool, 2, { keepZero: true, desc: 'Whether the referenced object or key may be missing.' }),
    ]);
    type('SecretKeySelector', '', [
      f('localObjectReference', ref('LocalObjectReference'), 1, { inline: true }),
      f('key', str, 2, { required: true, keepZero: true, desc: 'The key this entry refers to.' }),
      f('optional', bool, 3, { keepZero: true, desc: 'Whether the referenced object or key may be missing.' }),
    ]);
    kind('SecretList', 'A list of Secret objects.', [
      f('metadata', ref('meta.ListMeta'), 1, { desc: 'List metadata: resourceVersion and continue token.' }),
      f('items', list(ref('Secret')), 2, { required: true, desc: 'The objects in this list.' }),
    ]);
    type('SecretProjection', '', [
      f('localObjectReference', ref('LocalObjectReference'), 1, { inline: true }),
      f('items', list(ref('KeyToPath')), 2, { listType: 'atomic', desc: 'Keys to project, and where to put them.' }),
      f('optional', bool, 4, { keepZero: true, desc: 'Whether the referenced object or key may be missing.' }),
    ]);
    type('SecretReference', '', [
      f('name', str, 1, { desc: 'Name, unique within its scope.' }),
      f('namespace', str, 2, { desc: 'Namespace the object or reference lives in.' }),
    ]);
    type('SecretVolumeSource', 'Volume source: Secret.', [
      f('secretName', str, 1, { desc: 'Name of the Secret.' }),
      f('items', list(ref('KeyToPath')), 2, { listType: 'atomic', desc: 'Keys to project, and where to put them.' }),
      f('defaultMode', i32, 3, { keepZero: true, desc: 'Permission bits for created files.' }),
      f('optional', bool, 4, { keepZero: true, desc: 'Whether the referenced object or key may be missing.' }),
    ]);
    type('SecurityContext', '', [
      f('capabilities', ref('Capabilities'), 1, { desc: 'Linux capabilities to add or drop.' }),
      f('privileged', bool, 2, { keepZero: true, desc: 'Run as privileged.' }),
      f('seLinuxOptions', ref('SELinuxOptions'), 3, { desc: 'SELinux context to apply.' }),
      f('windowsOptions', ref('WindowsSecurityContextOptions'), 10, { desc: 'Windows-specific settings.' }),
      f('runAsUser', i64, 4, { keepZero: true, desc: 'UID to run the process as.' }),
      f('runAsGroup', i64, 8, { keepZero: true, desc: 'GID to run the process as.' }),
      f('runAsNonRoot', bool, 5, { keepZero: true, desc: 'Refuse to start the container as root.' }),
      f('readOnlyRootFilesystem', bool, 6, { keepZero: true, desc: 'Mount the root filesystem read-only.' }),
      f('allowPrivilegeEscalation', bool, 7, { keepZero: true, desc: 'Whether a process may gain more privileges than its parent.' }),
      f('procMount', str, 9, { keepZero: true, desc: 'Kind of /proc mount.' }),
      f('seccompProfile', ref('SeccompProfile'), 11, { desc: 'Seccomp profile to apply.' }),
      f('appArmorProfile', ref('AppArmorProfile'), 12, { desc: 'AppArmor profile to apply.' }),
    ]);
    kind('Service', 'A stable network name and virtual IP in front of a set of pods.', [
      f('metadata', ref('meta.ObjectMeta'), 1, { desc: 'Standard object metadata: name, namespace, labels, annotations, owners.' }),
      f('spec', ref('ServiceSpec'), 2, { desc: 'The desired state, as the user declares it.' }),
      f('status', ref('ServiceStatus'), 3, { desc: 'The observed state, written by the system.' }),
    ]);
    kind('ServiceAccount', 'An identity for processes running in pods.', [
      f('metadata', ref('meta.ObjectMeta'), 1, { desc: 'Standard object metadata: name, namespace, labels, annotations, owners.' }),
      f('secrets', list(ref('ObjectReference')), 2, { mergeKey: 'name', strategy: 'merge', listType: 'map', keys: ['name'], desc: 'Secrets the service account may use.' }),
      f('imagePullSecrets', list(ref('LocalObjectReference')), 3, { listType: 'atomic', desc: 'Secrets with registry credentials for pulling images.' }),
      f('automountServiceAccountToken', bool, 4, { keepZero: true, desc: 'Whether an API token is mounted automatically.' }),
    ]);
    kind('ServiceAccountList', 'A list of ServiceAccount objects.', [
      f('metadata', ref('meta.ListMeta'), 1, { desc: 'List metadata: resourceVersion and continue token.' }),
      f('items', list(ref('ServiceAccount')), 2, { required: true, desc: 'The objects in this list.' }),
    ]);
    type('ServiceAccountTokenProjection', '', [
      f('audience', str, 1, { desc: 'Intended audience of the token.' }),
      f('expirationSeconds', i64, 2, { keepZero: true, desc: 'Requested token lifetime in seconds.' }),
      f('path', str, 3, { required: true, keepZero: true, desc: 'Path.' }),
    ]);
    kind('ServiceList', 'A list of Service objects.', [
      f('metadata', ref('meta.ListMeta'), 1, { desc: 'List metadata: resourceVersion and continue token.' }),
      f('items', list(ref('Service')), 2, { required: true, desc: 'The objects in this list.' }),
    ]);
    type('ServicePort', 'One port of a Service.', [
      f('name', str, 1, { desc: 'Name of the port, unique within the service.' }),
      f('protocol', str, 2, { default: 'TCP', desc: 'TCP, UDP or SCTP.' }),
      f('appProtocol', str, 6, { keepZero: true, desc: 'Application protocol of the port.' }),
      f('port', i32, 3, { required: true, keepZero: true, desc: 'Port the service listens on.' }),
      f('targetPort', ios, 4, { desc: 'Port on the pods traffic is sent to (number or name).' }),
      f('nodePort', i32, 5, { desc: 'Port on every node that forwards to this service port.' }),
    ]);
    type('ServiceSpec', 'Desired state of a Service.', [
      f('ports', list(ref('ServicePort')), 1, { mergeKey: 'port', strategy: 'merge', listType: 'map', keys: ['port', 'protocol'], desc: 'Ports the service exposes.' }),
      f('selector', map(str), 2, { mapType: 'atomic', desc: 'Label query selecting the objects this one manages or targets.' }),
      f('clusterIP', str, 3, { desc: 'Virtual IP of the service.' }),
      f('clusterIPs', list(str), 18, { listType: 'atomic', desc: 'Virtual IPs of the service, one per IP family.' }),
      f('type', str, 4, { desc: 'ClusterIP (default), NodePort, LoadBalancer or ExternalName.' }),
      f('externalIPs', list(str), 5, { listType: 'atomic', desc: 'Extra IPs the service answers on.' }),
      f('sessionAffinity', str, 7, { desc: 'None or ClientIP.' }),
      f('loadBalancerIP', str, 8, { desc: 'Requested load balancer IP (deprecated).' }),
      f('loadBalancerSourceRanges', list(str), 9, { listType: 'atomic', desc: 'Client CIDRs allowed through the load balancer.' }),
      f('externalName', str, 10, { desc: 'DNS name returned for ExternalName services.' }),
      f('externalTrafficPolicy', str, 11, { desc: 'Cluster or Local routing of external traffic.' }),
      f('healthCheckNodePort', i32, 12, { desc: 'Node port for load balancer health checks.' }),
      f('publishNotReadyAddresses', bool, 13, { desc: 'Publish endpoints of pods that are not ready.' }),
      f('sessionAffinityConfig', ref('SessionAffinityConfig'), 14, { desc: 'Session affinity settings.' }),
      f('ipFamilies', list(str), 19, { listType: 'atomic', desc: 'IP families (IPv4, IPv6) of the service.' }),
      f('ipFamilyPolicy', str, 17, { keepZero: true, desc: 'SingleStack, PreferDualStack or RequireDualStack.' }),
      f('allocateLoadBalancerNodePorts', bool, 20, { keepZero: true, desc: 'Allocate node ports for LoadBalancer services.' }),
      f('loadBalancerClass', str, 21, { keepZero: true, desc: 'Load balancer implementation to use.' }),
      f('internalTrafficPolicy', str, 22, { keepZero: true, desc: 'Cluster or Local routing of in-cluster traffic.' }),
      f('trafficDistribution', str, 23, { keepZero: true, desc: 'Preference for how traffic is spread over endpoints.' }),
    ]);
    type('ServiceStatus', 'Observed state of a Service.', [
      f('loadBalancer', ref('LoadBalancerStatus'), 1, { desc: 'Load balancer status.' }),
      f('conditions', list(ref('meta.Condition')), 2, { mergeKey: 'type', strategy: 'merge', listType: 'map', keys: ['type'], desc: 'Latest observations of the object\'s state.' }),
    ]);
    type('SessionAffinityConfig', '', [
      f('clientIP', ref('ClientIPConfig'), 1, { desc: 'Client IP based affinity settings.' }),
    ]);
    type('SleepAction', '', [
      f('seconds', i64, 1, { required: true, keepZero: true, desc: 'Seconds.' }),
    ]);
    type('StorageOSPersistentVolumeSource', 'Volume source: StorageOSPersistent.', [
      f('volumeName', str, 1, { desc: 'Name of the volume in the storage system.' }),
      f('volumeNamespace', str, 2, { desc: 'Namespace of the volume.' }),
      f('fsType', str, 3, { desc: 'Filesystem type to mount, e.g. ext4.' }),
      f('readOnly', bool, 4, { desc: 'Mount read-only.' }),
      f('secretRef', ref('ObjectReference'), 5, { desc: 'Secret to read from.' }),
    ]);
    type('StorageOSVolumeSource', 'Volume source: StorageOS.', [
      f('volumeName', str, 1, { desc: 'Name of the volume in the storage system.' }),
      f('volumeNamespace', str, 2, { desc: 'Namespace of the volume.' }),
      f('fsType', str, 3, { desc: 'Filesystem type to mount, e.g. ext4.' }),
      f('readOnly', bool, 4, { desc: 'Mount read-only.' }),
      f('secretRef', ref('LocalObjectReference'), 5, { desc: 'Secret to read from.' }),
    ]);
    type('Sysctl', '', [
      f('name', str, 1, { required: true, keepZero: true, desc: 'Name, unique within its scope.' }),
      f('value', str, 2, { required: true, keepZero: true, desc: 'The value.' }),
    ]);
    type('TCPSocketAction', '', [
      f('port', ios, 1, { required: true, desc: 'Port number or name.' }),
      f('host', str, 2, { desc: 'Host name to connect to.' }),
    ]);
    type('Taint', '', [
      f('key', str, 1, { required: true, keepZero: true, desc: 'The key this entry refers to.' }),
      f('value', str, 2, { desc: 'The value.' }),
      f('effect', str, 3, { required: true, keepZero: true, desc: 'NoSchedule, PreferNoSchedule or NoExecute.' }),
      f('timeAdded', time, 4, { desc: 'When the taint was added.' }),
    ]);
    type('Toleration', 'Lets a pod schedule onto nodes with a matching taint.', [
      f('key', str, 1, { desc: 'The key this entry refers to.' }),
      f('operator', str, 2, { desc: 'How key relates to values: In, NotIn, Exists, DoesNotExist (and Gt, Lt for nodes).' }),
      f('value', str, 3, { desc: 'The value.' }),
      f('effect', str, 4, { desc: 'NoSchedule, PreferNoSchedule or NoExecute.' }),
      f('tolerationSeconds', i64, 5, { keepZero: true, desc: 'How long a NoExecute taint is tolerated before eviction.' }),
    ]);
    type('TopologySelectorLabelRequirement', '', [
      f('key', str, 1, { required: true, keepZero: true, desc: 'The key this entry refers to.' }),
      f('values', list(str), 2, { listType: 'atomic', required: true, desc: 'Values for the operator; empty for Exists/DoesNotExist.' }),
    ]);
    type('TopologySelectorTerm', '', [
      f('matchLabelExpressions', list(ref('TopologySelectorLabelRequirement')), 1, { listType: 'atomic', desc: 'Label requirements.' }),
    ]);
    type('TopologySpreadConstraint', '', [
      f('maxSkew', i32, 1, { required: true, keepZero: true, desc: 'Largest allowed difference in matching pods between domains.' }),
      f('topologyKey', str, 2, { required: true, keepZero: true, desc: 'Node label whose values define the topology domains.' }),
      f('whenUnsatisfiable', str, 3, { required: true, keepZero: true, desc: 'DoNotSchedule or ScheduleAnyway.' }),
      f('labelSelector', ref('meta.LabelSelector'), 4, { desc: 'Label query over pods.' }),
      f('minDomains', i32, 5, { keepZero: true, desc: 'Minimum number of eligible domains.' }),
      f('nodeAffinityPolicy', str, 6, { keepZero: true, desc: 'Whether node affinity is honoured when computing skew.' }),
      f('nodeTaintsPolicy', str, 7, { keepZero: true, desc: 'Whether node taints are honoured when computing skew.' }),
      f('matchLabelKeys', list(str), 8, { listType: 'atomic', desc: 'Pod label keys whose values must match the incoming pod\'s.' }),
    ]);
    type('TypedLocalObjectReference', '', [
      f('apiGroup', str, 1, { keepZero: true, desc: 'API group of the referenced object.' }),
      f('kind', str, 2, { required: true, keepZero: true, desc: 'Kind of the referenced or described object.' }),
      f('name', str, 3, { required: true, keepZero: true, desc: 'Name, unique within its scope.' }),
    ]);
    type('TypedObjectReference', '', [
      f('apiGroup', str, 1, { keepZero: true, desc: 'API group of the referenced object.' }),
      f('kind', str, 2, { required: true, keepZero: true, desc: 'Kind of the referenced or described object.' }),
      f('name', str, 3, { required: true, keepZero: true, desc: 'Name, unique within its scope.' }),
      f('namespace', str, 4, { keepZero: true, desc: 'Namespace the object or reference lives in.' }),
    ]);
    type('Volume', 'A named volume; exactly one source is set.', [
      f('name', str, 1, { required: true, keepZero: true, desc: 'Volume name, unique within the pod.' }),
      f('volumeSource', ref('VolumeSource'), 2, { inline: true }),
    ]);
    type('VolumeDevice', '', [
      f('name', str, 1, { required: true, keepZero: true, desc: 'Name, unique within its scope.' }),
      f('devicePath', str, 2, { required: true, keepZero: true, desc: 'Path of the device inside the container.' }),
    ]);
    type('VolumeMount', 'Where a volume is mounted in a container.', [
      f('name', str, 1, { required: true, keepZero: true, desc: 'Name of the volume to mount.' }),
      f('readOnly', bool, 2, { desc: 'Mount read-only.' }),
      f('recursiveReadOnly', str, 7, { keepZero: true, desc: 'Whether read-only mounts are recursively read-only.' }),
      f('mountPath', str, 3, { required: true, keepZero: true, desc: 'Path in the container where the volume is mounted.' }),
      f('subPath', str, 4, { desc: 'Sub-path of the volume to mount instead of its root.' }),
      f('mountPropagation', str, 5, { keepZero: true, desc: 'How mounts propagate between host and container.' }),
      f('subPathExpr', str, 6, { desc: 'Like subPath, with $(VAR) expansion.' }),
    ]);
    type('VolumeMountStatus', 'Observed state of a VolumeMount.', [
      f('name', str, 1, { required: true, keepZero: true, desc: 'Name, unique within its scope.' }),
      f('mountPath', str, 2, { required: true, keepZero: true, desc: 'Path in the container where the volume is mounted.' }),
      f('readOnly', bool, 3, { desc: 'Mount read-only.' }),
      f('recursiveReadOnly', str, 4, { keepZero: true, desc: 'Whether read-only mounts are recursively read-only.' }),
    ]);
    type('VolumeNodeAffinity', '', [
      f('required', ref('NodeSelector'), 1, { desc: 'Hard requirement.' }),
    ]);
    type('VolumeProjection', '', [
      f('secret', ref('SecretProjection'), 1, { desc: 'Files from a Secret.' }),
      f('downwardAPI', ref('DownwardAPIProjection'), 2, { desc: 'Pod fields exposed as files.' }),
      f('configMap', ref('ConfigMapProjection'), 3, { desc: 'Files from a ConfigMap.' }),
      f('serviceAccountToken', ref('ServiceAccountTokenProjection'), 4, { desc: 'A service account token.' }),
      f('clusterTrustBundle', ref('ClusterTrustBundleProjection'), 5, { desc: 'A ClusterTrustBundle.' }),
    ]);
    type('VolumeResourceRequirements', '', [
      f('limits', map(qty), 1, { desc: 'Maximum resources allowed.' }),
      f('requests', map(qty), 2, { desc: 'Minimum resources required (used for scheduling).' }),
    ]);
    type('VolumeSource', 'Volume source: .', [
      f('hostPath', ref('HostPathVolumeSource'), 1, { desc: 'A file or directory of the node.' }),
      f('emptyDir', ref('EmptyDirVolumeSource'), 2, { desc: 'Temporary directory that lives as long as the pod.' }),
      f('gcePersistentDisk', ref('GCEPersistentDiskVolumeSource'), 3, { desc: 'A GCE persistent disk.' }),
      f('awsElasticBlockStore', ref('AWSElasticBlockStoreVolumeSource'), 4, { desc: 'An AWS EBS volume.' }),
      f('gitRepo', ref('GitRepoVolumeSource'), 5, { desc: 'Deprecated: a git repository checkout.' }),
      f('secret', ref('SecretVolumeSource'), 6, { desc: 'Files from a Secret.' }),
      f('nfs', ref('NFSVolumeSource'), 7, { desc: 'An NFS export.' }),
      f('iscsi', ref('ISCSIVolumeSource'), 8, { desc: 'An iSCSI disk.' }),
      f('glusterfs', ref('GlusterfsVolumeSource'), 9, { desc: 'A Glusterfs mount.' }),
      f('persistentVolumeClaim', ref('PersistentVolumeClaimVolumeSource'), 10, { desc: 'A PersistentVolumeClaim in the pod\'s namespace.' }),
      f('rbd', ref('RBDVolumeSource'), 11, { desc: 'A Rados block device.' }),
      f('flexVolume', ref('FlexVolumeSource'), 12, { desc: 'A FlexVolume driver volume.' }),
      f('cinder', ref('CinderVolumeSource'), 13, { desc: 'An OpenStack Cinder volume.' }),
      f('cephfs', ref('CephFSVolumeSource'), 14, { desc: 'A CephFS mount.' }),
      f('flocker', ref('FlockerVolumeSource'), 15, { desc: 'A Flocker volume.' }),
      f('downwardAPI', ref('DownwardAPIVolumeSource'), 16, { desc: 'Pod fields exposed as files.' }),
      f('fc', ref('FCVolumeSource'), 17, { desc: 'A Fibre Channel volume.' }),
      f('azureFile', ref('AzureFileVolumeSource'), 18, { desc: 'An Azure file share.' }),
      f('configMap', ref('ConfigMapVolumeSource'), 19, { desc: 'Files from a ConfigMap.' }),
      f('vsphereVolume', ref('VsphereVirtualDiskVolumeSource'), 20, { desc: 'A vSphere volume.' }),
      f('quobyte', ref('QuobyteVolumeSource'), 21, { desc: 'A Quobyte mount.' }),
      f('azureDisk', ref('AzureDiskVolumeSource'), 22, { desc: 'An Azure data disk.' }),
      f('photonPersistentDisk', ref('PhotonPersistentDiskVolumeSource'), 23, { desc: 'A Photon persistent disk.' }),
      f('projected', ref('ProjectedVolumeSource'), 26, { desc: 'Several sources projected into one directory.' }),
      f('portworxVolume', ref('PortworxVolumeSource'), 24, { desc: 'A Portworx volume.' }),
      f('scaleIO', ref('ScaleIOVolumeSource'), 25, { desc: 'A ScaleIO volume.' }),
      f('storageos', ref('StorageOSVolumeSource'), 27, { desc: 'A StorageOS volume.' }),
      f('csi', ref('CSIVolumeSource'), 28, { desc: 'A volume provided by a CSI driver.' }),
      f('ephemeral', ref('EphemeralVolumeSource'), 29, { desc: 'A claim created and deleted with the pod.' }),
      f('image', ref('ImageVolumeSource'), 30, { desc: 'An OCI image or artifact mounted read-only.' }),
    ]);
    type('VsphereVirtualDiskVolumeSource', 'Volume source: VsphereVirtualDisk.', [
      f('volumePath', str, 1, { required: true, keepZero: true, desc: 'Path of the volume.' }),
      f('fsType', str, 2, { desc: 'Filesystem type to mount, e.g. ext4.' }),
      f('storagePolicyName', str, 3, { desc: 'Storage policy name.' }),
      f('storagePolicyID', str, 4, { desc: 'Storage policy id.' }),
    ]);
    type('WeightedPodAffinityTerm', '', [
      f('weight', i32, 1, { required: true, keepZero: true, desc: 'Relative weight of this preference.' }),
      f('podAffinityTerm', ref('PodAffinityTerm'), 2, { required: true, desc: 'The pod affinity term this weight applies to.' }),
    ]);
    type('WindowsSecurityContextOptions', '', [
      f('gmsaCredentialSpecName', str, 1, { keepZero: true, desc: 'Name of the GMSA credential spec.' }),
      f('gmsaCredentialSpec', str, 2, { keepZero: true, desc: 'Contents of the GMSA credential spec.' }),
      f('runAsUserName', str, 3, { keepZero: true, desc: 'Windows user name to run as.' }),
      f('hostProcess', bool, 4, { keepZero: true, desc: 'Run as a Windows host process.' }),
    ]);
  },
);
