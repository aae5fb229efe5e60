// core/v1 API types (protobuf package k8s.io.api.core.v1).
import { pkg, f, ref, list, map, str, i32, i64, bool, bytes, qty, ios, time, mtime } from '../dsl.js';

export default pkg(
  { alias: 'core', openapi: 'io.k8s.api.core.v1', protoPackage: 'k8s.io.api.core.v1', group: '', version: 'v1' },
  ({ kind, type }) => {
    type('AWSElasticBlockStoreVolumeSource', '', [
      f('volumeID', str, 1, { required: true }),
      f('fsType', str, 2),
      f('partition', i32, 3),
      f('readOnly', bool, 4),
    ]);
    type('Affinity', '', [
      f('nodeAffinity', ref('NodeAffinity'), 1),
      f('podAffinity', ref('PodAffinity'), 2),
      f('podAntiAffinity', ref('PodAntiAffinity'), 3),
    ]);
    type('AppArmorProfile', '', [
      f('type', str, 1, { required: true }),
      f('localhostProfile', str, 2),
    ]);
    type('AttachedVolume', '', [
      f('name', str, 1, { required: true }),
      f('devicePath', str, 2, { required: true }),
    ]);
    type('AzureDiskVolumeSource', '', [
      f('diskName', str, 1, { required: true }),
      f('diskURI', str, 2, { required: true }),
      f('cachingMode', str, 3),
      f('fsType', str, 4),
      f('readOnly', bool, 5),
      f('kind', str, 6),
    ]);
    type('AzureFilePersistentVolumeSource', '', [
      f('secretName', str, 1, { required: true }),
      f('shareName', str, 2, { required: true }),
      f('readOnly', bool, 3),
      f('secretNamespace', str, 4),
    ]);
    type('AzureFileVolumeSource', '', [
      f('secretName', str, 1, { required: true }),
      f('shareName', str, 2, { required: true }),
      f('readOnly', bool, 3),
    ]);
    kind('Binding', '', [
      f('metadata', ref('meta.ObjectMeta'), 1),
      f('target', ref('ObjectReference'), 2, { required: true }),
    ]);
    type('CSIPersistentVolumeSource', '', [
      f('driver', str, 1, { required: true }),
      f('volumeHandle', str, 2, { required: true }),
      f('readOnly', bool, 3),
      f('fsType', str, 4),
      f('volumeAttributes', map(str), 5),
      f('controllerPublishSecretRef', ref('SecretReference'), 6),
      f('nodeStageSecretRef', ref('SecretReference'), 7),
      f('nodePublishSecretRef', ref('SecretReference'), 8),
      f('controllerExpandSecretRef', ref('SecretReference'), 9),
      f('nodeExpandSecretRef', ref('SecretReference'), 10),
    ]);
    type('CSIVolumeSource', '', [
      f('driver', str, 1, { required: true }),
      f('readOnly', bool, 2),
      f('fsType', str, 3),
      f('volumeAttributes', map(str), 4),
      f('nodePublishSecretRef', ref('LocalObjectReference'), 5),
    ]);
    type('Capabilities', '', [
      f('add', list(str), 1, { listType: 'atomic' }),
      f('drop', list(str), 2, { listType: 'atomic' }),
    ]);
    type('CephFSPersistentVolumeSource', '', [
      f('monitors', list(str), 1, { listType: 'atomic', required: true }),
      f('path', str, 2),
      f('user', str, 3),
      f('secretFile', str, 4),
      f('secretRef', ref('SecretReference'), 5),
      f('readOnly', bool, 6),
    ]);
    type('CephFSVolumeSource', '', [
      f('monitors', list(str), 1, { listType: 'atomic', required: true }),
      f('path', str, 2),
      f('user', str, 3),
      f('secretFile', str, 4),
      f('secretRef', ref('LocalObjectReference'), 5),
      f('readOnly', bool, 6),
    ]);
    type('CinderPersistentVolumeSource', '', [
      f('volumeID', str, 1, { required: true }),
      f('fsType', str, 2),
      f('readOnly', bool, 3),
      f('secretRef', ref('SecretReference'), 4),
    ]);
    type('CinderVolumeSource', '', [
      f('volumeID', str, 1, { required: true }),
      f('fsType', str, 2),
      f('readOnly', bool, 3),
      f('secretRef', ref('LocalObjectReference'), 4),
    ]);
    type('ClientIPConfig', '', [
      f('timeoutSeconds', i32, 1),
    ]);
    type('ClusterTrustBundleProjection', '', [
      f('name', str, 1),
      f('signerName', str, 2),
      f('labelSelector', ref('meta.LabelSelector'), 3),
      f('optional', bool, 5),
      f('path', str, 4, { required: true }),
    ]);
    kind('ConfigMap', '', [
      f('metadata', ref('meta.ObjectMeta'), 1),
      f('immutable', bool, 4),
      f('data', map(str), 2),
      f('binaryData', map(bytes), 3),
    ]);
    type('ConfigMapEnvSource', '', [
      f('localObjectReference', ref('LocalObjectReference'), 1, { inline: true }),
      f('optional', bool, 2),
    ]);
    type('ConfigMapKeySelector', '', [
      f('localObjectReference', ref('LocalObjectReference'), 1, { inline: true }),
      f('key', str, 2, { required: true }),
      f('optional', bool, 3),
    ]);
    kind('ConfigMapList', '', [
      f('metadata', ref('meta.ListMeta'), 1),
      f('items', list(ref('ConfigMap')), 2, { required: true }),
    ]);
    type('ConfigMapNodeConfigSource', '', [
      f('namespace', str, 1, { required: true }),
      f('name', str, 2, { required: true }),
      f('uid', str, 3),
      f('resourceVersion', str, 4),
      f('kubeletConfigKey', str, 5, { required: true }),
    ]);
    type('ConfigMapProjection', '', [
      f('localObjectReference', ref('LocalObjectReference'), 1, { inline: true }),
      f('items', list(ref('KeyToPath')), 2, { listType: 'atomic' }),
      f('optional', bool, 4),
    ]);
    type('ConfigMapVolumeSource', '', [
      f('localObjectReference', ref('LocalObjectReference'), 1, { inline: true }),
      f('items', list(ref('KeyToPath')), 2, { listType: 'atomic' }),
      f('defaultMode', i32, 3),
      f('optional', bool, 4),
    ]);
    type('Container', '', [
      f('name', str, 1, { required: true }),
      f('image', str, 2),
      f('command', list(str), 3, { listType: 'atomic' }),
      f('args', list(str), 4, { listType: 'atomic' }),
      f('workingDir', str, 5),
      f('ports', list(ref('ContainerPort')), 6, { mergeKey: 'containerPort', strategy: 'merge', listType: 'map', keys: ['containerPort', 'protocol'] }),
      f('envFrom', list(ref('EnvFromSource')), 19, { listType: 'atomic' }),
      f('env', list(ref('EnvVar')), 7, { mergeKey: 'name', strategy: 'merge', listType: 'map', keys: ['name'] }),
      f('resources', ref('ResourceRequirements'), 8),
      f('resizePolicy', list(ref('ContainerResizePolicy')), 23, { listType: 'atomic' }),
      f('restartPolicy', str, 24),
      f('volumeMounts', list(ref('VolumeMount')), 9, { mergeKey: 'mountPath', strategy: 'merge', listType: 'map', keys: ['mountPath'] }),
      f('volumeDevices', list(ref('VolumeDevice')), 21, { mergeKey: 'devicePath', strategy: 'merge', listType: 'map', keys: ['devicePath'] }),
      f('livenessProbe', ref('Probe'), 10),
      f('readinessProbe', ref('Probe'), 11),
      f('startupProbe', ref('Probe'), 22),
      f('lifecycle', ref('Lifecycle'), 12),
      f('terminationMessagePath', str, 13),
      f('terminationMessagePolicy', str, 20),
      f('imagePullPolicy', str, 14),
      f('securityContext', ref('SecurityContext'), 15),
      f('stdin', bool, 16),
      f('stdinOnce', bool, 17),
      f('tty', bool, 18),
    ]);
    type('ContainerImage', '', [
      f('names', list(str), 1, { listType: 'atomic' }),
      f('sizeBytes', i64, 2),
    ]);
    type('ContainerPort', '', [
      f('name', str, 1),
      f('hostPort', i32, 2),
      f('containerPort', i32, 3, { required: true }),
      f('protocol', str, 4),
      f('hostIP', str, 5),
    ]);
    type('ContainerResizePolicy', '', [
      f('resourceName', str, 1, { required: true }),
      f('restartPolicy', str, 2, { required: true }),
    ]);
    type('ContainerState', '', [
      f('waiting', ref('ContainerStateWaiting'), 1),
      f('running', ref('ContainerStateRunning'), 2),
      f('terminated', ref('ContainerStateTerminated'), 3),
    ]);
    type('ContainerStateRunning', '', [
      f('startedAt', time, 1),
    ]);
    type('ContainerStateTerminated', '', [
      f('exitCode', i32, 1, { required: true }),
      f('signal', i32, 2),
      f('reason', str, 3),
      f('message', str, 4),
      f('startedAt', time, 5),
      f('finishedAt', time, 6),
      f('containerID', str, 7),
    ]);
    type('ContainerStateWaiting', '', [
      f('reason', str, 1),
      f('message', str, 2),
    ]);
    type('ContainerStatus', '', [
      f('name', str, 1, { required: true }),
      f('state', ref('ContainerState'), 2),
      f('lastState', ref('ContainerState'), 3),
      f('ready', bool, 4, { required: true }),
      f('restartCount', i32, 5, { required: true }),
      f('image', str, 6, { required: true }),
      f('imageID', str, 7, { required: true }),
      f('containerID', str, 8),
      f('started', bool, 9),
      f('allocatedResources', map(qty), 10),
      f('resources', ref('ResourceRequirements'), 11),
      f('volumeMounts', list(ref('VolumeMountStatus')), 12, { mergeKey: 'mountPath', strategy: 'merge', listType: 'map', keys: ['mountPath'] }),
      f('user', ref('ContainerUser'), 13),
      f('allocatedResourcesStatus', list(ref('ResourceStatus')), 14, { mergeKey: 'name', strategy: 'merge', listType: 'map', keys: ['name'] }),
    ]);
    type('ContainerUser', '', [
      f('linux', ref('LinuxContainerUser'), 1),
    ]);
    type('DaemonEndpoint', '', [
      f('Port', i32, 1, { required: true }),
    ]);
    type('DownwardAPIProjection', '', [
      f('items', list(ref('DownwardAPIVolumeFile')), 1, { listType: 'atomic' }),
    ]);
    type('DownwardAPIVolumeFile', '', [
      f('path', str, 1, { required: true }),
      f('fieldRef', ref('ObjectFieldSelector'), 2),
      f('resourceFieldRef', ref('ResourceFieldSelector'), 3),
      f('mode', i32, 4),
    ]);
    type('DownwardAPIVolumeSource', '', [
      f('items', list(ref('DownwardAPIVolumeFile')), 1, { listType: 'atomic' }),
      f('defaultMode', i32, 2),
    ]);
    type('EmptyDirVolumeSource', '', [
      f('medium', str, 1),
      f('sizeLimit', qty, 2),
    ]);
    type('EndpointAddress', '', [
      f('ip', str, 1, { required: true }),
      f('hostname', str, 3),
      f('nodeName', str, 4),
      f('targetRef', ref('ObjectReference'), 2),
    ]);
    type('EndpointPort', '', [
      f('name', str, 1),
      f('port', i32, 2, { required: true }),
      f('protocol', str, 3),
      f('appProtocol', str, 4),
    ]);
    type('EndpointSubset', '', [
      f('addresses', list(ref('EndpointAddress')), 1, { listType: 'atomic' }),
      f('notReadyAddresses', list(ref('EndpointAddress')), 2, { listType: 'atomic' }),
      f('ports', list(ref('EndpointPort')), 3, { listType: 'atomic' }),
    ]);
    kind('Endpoints', '', [
      f('metadata', ref('meta.ObjectMeta'), 1),
      f('subsets', list(ref('EndpointSubset')), 2, { listType: 'atomic' }),
    ]);
    kind('EndpointsList', '', [
      f('metadata', ref('meta.ListMeta'), 1),
      f('items', list(ref('Endpoints')), 2, { required: true }),
    ]);
    type('EnvFromSource', '', [
      f('prefix', str, 1),
      f('configMapRef', ref('ConfigMapEnvSource'), 2),
      f('secretRef', ref('SecretEnvSource'), 3),
    ]);
    type('EnvVar', '', [
      f('name', str, 1, { required: true }),
      f('value', str, 2),
      f('valueFrom', ref('EnvVarSource'), 3),
    ]);
    type('EnvVarSource', '', [
      f('fieldRef', ref('ObjectFieldSelector'), 1),
      f('resourceFieldRef', ref('ResourceFieldSelector'), 2),
      f('configMapKeyRef', ref('ConfigMapKeySelector'), 3),
      f('secretKeyRef', ref('SecretKeySelector'), 4),
    ]);
    type('EphemeralContainer', '', [
      f('ephemeralContainerCommon', ref('EphemeralContainerCommon'), 1, { inline: true }),
      f('targetContainerName', str, 2),
    ]);
    type('EphemeralContainerCommon', '', [
      f('name', str, 1, { required: true }),
      f('image', str, 2),
      f('command', list(str), 3, { listType: 'atomic' }),
      f('args', list(str), 4, { listType: 'atomic' }),
      f('workingDir', str, 5),
      f('ports', list(ref('ContainerPort')), 6, { mergeKey: 'containerPort', strategy: 'merge', listType: 'map', keys: ['containerPort', 'protocol'] }),
      f('envFrom', list(ref('EnvFromSource')), 19, { listType: 'atomic' }),
      f('env', list(ref('EnvVar')), 7, { mergeKey: 'name', strategy: 'merge', listType: 'map', keys: ['name'] }),
      f('resources', ref('ResourceRequirements'), 8),
      f('resizePolicy', list(ref('ContainerResizePolicy')), 23, { listType: 'atomic' }),
      f('restartPolicy', str, 24),
      f('volumeMounts', list(ref('VolumeMount')), 9, { mergeKey: 'mountPath', strategy: 'merge', listType: 'map', keys: ['mountPath'] }),
      f('volumeDevices', list(ref('VolumeDevice')), 21, { mergeKey: 'devicePath', strategy: 'merge', listType: 'map', keys: ['devicePath'] }),
      f('livenessProbe', ref('Probe'), 10),
      f('readinessProbe', ref('Probe'), 11),
      f('startupProbe', ref('Probe'), 22),
      f('lifecycle', ref('Lifecycle'), 12),
      f('terminationMessagePath', str, 13),
      f('terminationMessagePolicy', str, 20),
      f('imagePullPolicy', str, 14),
      f('securityContext', ref('SecurityContext'), 15),
      f('stdin', bool, 16),
      f('stdinOnce', bool, 17),
      f('tty', bool, 18),
    ]);
    type('EphemeralVolumeSource', '', [
      f('volumeClaimTemplate', ref('PersistentVolumeClaimTemplate'), 1),
    ]);
    kind('Event', '', [
      f('metadata', ref('meta.ObjectMeta'), 1, { required: true }),
      f('involvedObject', ref('ObjectReference'), 2, { required: true }),
      f('reason', str, 3),
      f('message', str, 4),
      f('source', ref('EventSource'), 5),
      f('firstTimestamp', time, 6),
      f('lastTimestamp', time, 7),
      f('count', i32, 8),
      f('type', str, 9),
      f('eventTime', mtime, 10),
      f('series', ref('EventSeries'), 11),
      f('action', str, 12),
      f('related', ref('ObjectReference'), 13),
      f('reportingComponent', str, 14),
      f('reportingInstance', str, 15),
    ]);
    kind('EventList', '', [
      f('metadata', ref('meta.ListMeta'), 1),
      f('items', list(ref('Event')), 2, { required: true }),
    ]);
    type('EventSeries', '', [
      f('count', i32, 1),
      f('lastObservedTime', mtime, 2),
    ]);
    type('EventSource', '', [
      f('component', str, 1),
      f('host', str, 2),
    ]);
    type('ExecAction', '', [
      f('command', list(str), 1, { listType: 'atomic' }),
    ]);
    type('FCVolumeSource', '', [
      f('targetWWNs', list(str), 1, { listType: 'atomic' }),
      f('lun', i32, 2),
      f('fsType', str, 3),
      f('readOnly', bool, 4),
      f('wwids', list(str), 5, { listType: 'atomic' }),
    ]);
    type('FlexPersistentVolumeSource', '', [
      f('driver', str, 1, { required: true }),
      f('fsType', str, 2),
      f('secretRef', ref('SecretReference'), 3),
      f('readOnly', bool, 4),
      f('options', map(str), 5),
    ]);
    type('FlexVolumeSource', '', [
      f('driver', str, 1, { required: true }),
      f('fsType', str, 2),
      f('secretRef', ref('LocalObjectReference'), 3),
      f('readOnly', bool, 4),
      f('options', map(str), 5),
    ]);
    type('FlockerVolumeSource', '', [
      f('datasetName', str, 1),
      f('datasetUUID', str, 2),
    ]);
    type('GCEPersistentDiskVolumeSource', '', [
      f('pdName', str, 1, { required: true }),
      f('fsType', str, 2),
      f('partition', i32, 3),
      f('readOnly', bool, 4),
    ]);
    type('GRPCAction', '', [
      f('port', i32, 1, { required: true }),
      f('service', str, 2),
    ]);
    type('GitRepoVolumeSource', '', [
      f('repository', str, 1, { required: true }),
      f('revision', str, 2),
      f('directory', str, 3),
    ]);
    type('GlusterfsPersistentVolumeSource', '', [
      f('endpoints', str, 1, { required: true }),
      f('path', str, 2, { required: true }),
      f('readOnly', bool, 3),
      f('endpointsNamespace', str, 4),
    ]);
    type('GlusterfsVolumeSource', '', [
      f('endpoints', str, 1, { required: true }),
      f('path', str, 2, { required: true }),
      f('readOnly', bool, 3),
    ]);
    type('HTTPGetAction', '', [
      f('path', str, 1),
      f('port', ios, 2, { required: true }),
      f('host', str, 3),
      f('scheme', str, 4),
      f('httpHeaders', list(ref('HTTPHeader')), 5, { listType: 'atomic' }),
    ]);
    type('HTTPHeader', '', [
      f('name', str, 1, { required: true }),
      f('value', str, 2, { required: true }),
    ]);
    type('HostAlias', '', [
      f('ip', str, 1, { required: true }),
      f('hostnames', list(str), 2, { listType: 'atomic' }),
    ]);
    type('HostIP', '', [
      f('ip', str, 1, { required: true }),
    ]);
    type('HostPathVolumeSource', '', [
      f('path', str, 1, { required: true }),
      f('type', str, 2),
    ]);
    type('ISCSIPersistentVolumeSource', '', [
      f('targetPortal', str, 1, { required: true }),
      f('iqn', str, 2, { required: true }),
      f('lun', i32, 3, { required: true }),
      f('iscsiInterface', str, 4),
      f('fsType', str, 5),
      f('readOnly', bool, 6),
      f('portals', list(str), 7, { listType: 'atomic' }),
      f('chapAuthDiscovery', bool, 8),
      f('chapAuthSession', bool, 11),
      f('secretRef', ref('SecretReference'), 10),
      f('initiatorName', str, 12),
    ]);
    type('ISCSIVolumeSource', '', [
      f('targetPortal', str, 1, { required: true }),
      f('iqn', str, 2, { required: true }),
      f('lun', i32, 3, { required: true }),
      f('iscsiInterface', str, 4),
      f('fsType', str, 5),
      f('readOnly', bool, 6),
      f('portals', list(str), 7, { listType: 'atomic' }),
      f('chapAuthDiscovery', bool, 8),
      f('chapAuthSession', bool, 11),
      f('secretRef', ref('LocalObjectReference'), 10),
      f('initiatorName', str, 12),
    ]);
    type('ImageVolumeSource', '', [
      f('reference', str, 1),
      f('pullPolicy', str, 2),
    ]);
    type('KeyToPath', '', [
      f('key', str, 1, { required: true }),
      f('path', str, 2, { required: true }),
      f('mode', i32, 3),
    ]);
    type('Lifecycle', '', [
      f('postStart', ref('LifecycleHandler'), 1),
      f('preStop', ref('LifecycleHandler'), 2),
    ]);
    type('LifecycleHandler', '', [
      f('exec', ref('ExecAction'), 1),
      f('httpGet', ref('HTTPGetAction'), 2),
      f('tcpSocket', ref('TCPSocketAction'), 3),
      f('sleep', ref('SleepAction'), 4),
    ]);
    kind('LimitRange', '', [
      f('metadata', ref('meta.ObjectMeta'), 1),
      f('spec', ref('LimitRangeSpec'), 2),
    ]);
    type('LimitRangeItem', '', [
      f('type', str, 1, { required: true }),
      f('max', map(qty), 2),
      f('min', map(qty), 3),
      f('default', map(qty), 4),
      f('defaultRequest', map(qty), 5),
      f('maxLimitRequestRatio', map(qty), 6),
    ]);
    kind('LimitRangeList', '', [
      f('metadata', ref('meta.ListMeta'), 1),
      f('items', list(ref('LimitRange')), 2, { required: true }),
    ]);
    type('LimitRangeSpec', '', [
      f('limits', list(ref('LimitRangeItem')), 1, { listType: 'atomic', required: true }),
    ]);
    type('LinuxContainerUser', '', [
      f('uid', i64, 1, { required: true }),
      f('gid', i64, 2, { required: true }),
      f('supplementalGroups', list(i64), 3, { listType: 'atomic' }),
    ]);
    type('LoadBalancerIngress', '', [
      f('ip', str, 1),
      f('hostname', str, 2),
      f('ipMode', str, 3),
      f('ports', list(ref('PortStatus')), 4, { listType: 'atomic' }),
    ]);
    type('LoadBalancerStatus', '', [
      f('ingress', list(ref('LoadBalancerIngress')), 1, { listType: 'atomic' }),
    ]);
    type('LocalObjectReference', '', [
      f('name', str, 1),
    ]);
    type('LocalVolumeSource', '', [
      f('path', str, 1, { required: true }),
      f('fsType', str, 2),
    ]);
    type('ModifyVolumeStatus', '', [
      f('targetVolumeAttributesClassName', str, 1),
      f('status', str, 2, { required: true }),
    ]);
    type('NFSVolumeSource', '', [
      f('server', str, 1, { required: true }),
      f('path', str, 2, { required: true }),
      f('readOnly', bool, 3),
    ]);
    kind('Namespace', '', [
      f('metadata', ref('meta.ObjectMeta'), 1),
      f('spec', ref('NamespaceSpec'), 2),
      f('status', ref('NamespaceStatus'), 3),
    ]);
    type('NamespaceCondition', '', [
      f('type', str, 1, { required: true }),
      f('status', str, 2, { required: true }),
      f('lastTransitionTime', time, 4),
      f('reason', str, 5),
      f('message', str, 6),
    ]);
    kind('NamespaceList', '', [
      f('metadata', ref('meta.ListMeta'), 1),
      f('items', list(ref('Namespace')), 2, { required: true }),
    ]);
    type('NamespaceSpec', '', [
      f('finalizers', list(str), 1, { listType: 'atomic' }),
    ]);
    type('NamespaceStatus', '', [
      f('phase', str, 1),
      f('conditions', list(ref('NamespaceCondition')), 2, { mergeKey: 'type', strategy: 'merge', listType: 'map', keys: ['type'] }),
    ]);
    kind('Node', '', [
      f('metadata', ref('meta.ObjectMeta'), 1),
      f('spec', ref('NodeSpec'), 2),
      f('status', ref('NodeStatus'), 3),
    ]);
    type('NodeAddress', '', [
      f('type', str, 1, { required: true }),
      f('address', str, 2, { required: true }),
    ]);
    type('NodeAffinity', '', [
      f('requiredDuringSchedulingIgnoredDuringExecution', ref('NodeSelector'), 1),
      f('preferredDuringSchedulingIgnoredDuringExecution', list(ref('PreferredSchedulingTerm')), 2, { listType: 'atomic' }),
    ]);
    type('NodeCondition', '', [
      f('type', str, 1, { required: true }),
      f('status', str, 2, { required: true }),
      f('lastHeartbeatTime', time, 3),
      f('lastTransitionTime', time, 4),
      f('reason', str, 5),
      f('message', str, 6),
    ]);
    type('NodeConfigSource', '', [
      f('configMap', ref('ConfigMapNodeConfigSource'), 2),
    ]);
    type('NodeConfigStatus', '', [
      f('assigned', ref('NodeConfigSource'), 1),
      f('active', ref('NodeConfigSource'), 2),
      f('lastKnownGood', ref('NodeConfigSource'), 3),
      f('error', str, 4),
    ]);
    type('NodeDaemonEndpoints', '', [
      f('kubeletEndpoint', ref('DaemonEndpoint'), 1),
    ]);
    type('NodeFeatures', '', [
      f('supplementalGroupsPolicy', bool, 1),
    ]);
    kind('NodeList', '', [
      f('metadata', ref('meta.ListMeta'), 1),
      f('items', list(ref('Node')), 2, { required: true }),
    ]);
    type('NodeRuntimeHandler', '', [
      f('name', str, 1),
      f('features', ref('NodeRuntimeHandlerFeatures'), 2),
    ]);
    type('NodeRuntimeHandlerFeatures', '', [
      f('recursiveReadOnlyMounts', bool, 1),
      f('userNamespaces', bool, 2),
    ]);
    type('NodeSelector', '', [
      f('nodeSelectorTerms', list(ref('NodeSelectorTerm')), 1, { listType: 'atomic', required: true }),
    ]);
    type('NodeSelectorRequirement', '', [
      f('key', str, 1, { required: true }),
      f('operator', str, 2, { required: true }),
      f('values', list(str), 3, { listType: 'atomic' }),
    ]);
    type('NodeSelectorTerm', '', [
      f('matchExpressions', list(ref('NodeSelectorRequirement')), 1, { listType: 'atomic' }),
      f('matchFields', list(ref('NodeSelectorRequirement')), 2, { listType: 'atomic' }),
    ]);
    type('NodeSpec', '', [
      f('podCIDR', str, 1),
      f('podCIDRs', list(str), 7, { strategy: 'merge', listType: 'set' }),
      f('providerID', str, 3),
      f('unschedulable', bool, 4),
      f('taints', list(ref('Taint')), 5, { listType: 'atomic' }),
      f('configSource', ref('NodeConfigSource'), 6),
      f('externalID', str, 2),
    ]);
    type('NodeStatus', '', [
      f('capacity', map(qty), 1),
      f('allocatable', map(qty), 2),
      f('phase', str, 3),
      f('conditions', list(ref('NodeCondition')), 4, { mergeKey: 'type', strategy: 'merge', listType: 'map', keys: ['type'] }),
      f('addresses', list(ref('NodeAddress')), 5, { mergeKey: 'type', strategy: 'merge', listType: 'map', keys: ['type'] }),
      f('daemonEndpoints', ref('NodeDaemonEndpoints'), 6),
      f('nodeInfo', ref('NodeSystemInfo'), 7),
      f('images', list(ref('ContainerImage')), 8, { listType: 'atomic' }),
      f('volumesInUse', list(str), 9, { listType: 'atomic' }),
      f('volumesAttached', list(ref('AttachedVolume')), 10, { listType: 'atomic' }),
      f('config', ref('NodeConfigStatus'), 11),
      f('runtimeHandlers', list(ref('NodeRuntimeHandler')), 12, { listType: 'atomic' }),
      f('features', ref('NodeFeatures'), 13),
    ]);
    type('NodeSystemInfo', '', [
      f('machineID', str, 1, { required: true }),
      f('systemUUID', str, 2, { required: true }),
      f('bootID', str, 3, { required: true }),
      f('kernelVersion', str, 4, { required: true }),
      f('osImage', str, 5, { required: true }),
      f('containerRuntimeVersion', str, 6, { required: true }),
      f('kubeletVersion', str, 7, { required: true }),
      f('kubeProxyVersion', str, 8, { required: true }),
      f('operatingSystem', str, 9, { required: true }),
      f('architecture', str, 10, { required: true }),
    ]);
    type('ObjectFieldSelector', '', [
      f('apiVersion', str, 1),
      f('fieldPath', str, 2, { required: true }),
    ]);
    type('ObjectReference', '', [
      f('kind', str, 1),
      f('namespace', str, 2),
      f('name', str, 3),
      f('uid', str, 4),
      f('apiVersion', str, 5),
      f('resourceVersion', str, 6),
      f('fieldPath', str, 7),
    ]);
    kind('PersistentVolume', '', [
      f('metadata', ref('meta.ObjectMeta'), 1),
      f('spec', ref('PersistentVolumeSpec'), 2),
      f('status', ref('PersistentVolumeStatus'), 3),
    ]);
    kind('PersistentVolumeClaim', '', [
      f('metadata', ref('meta.ObjectMeta'), 1),
      f('spec', ref('PersistentVolumeClaimSpec'), 2),
      f('status', ref('PersistentVolumeClaimStatus'), 3),
    ]);
    type('PersistentVolumeClaimCondition', '', [
      f('type', str, 1, { required: true }),
      f('status', str, 2, { required: true }),
      f('lastProbeTime', time, 3),
      f('lastTransitionTime', time, 4),
      f('reason', str, 5),
      f('message', str, 6),
    ]);
    kind('PersistentVolumeClaimList', '', [
      f('metadata', ref('meta.ListMeta'), 1),
      f('items', list(ref('PersistentVolumeClaim')), 2, { required: true }),
    ]);
    type('PersistentVolumeClaimSpec', '', [
      f('accessModes', list(str), 1, { listType: 'atomic' }),
      f('selector', ref('meta.LabelSelector'), 4),
      f('resources', ref('VolumeResourceRequirements'), 2),
      f('volumeName', str, 3),
      f('storageClassName', str, 5),
      f('volumeMode', str, 6),
      f('dataSource', ref('TypedLocalObjectReference'), 7),
      f('dataSourceRef', ref('TypedObjectReference'), 8),
      f('volumeAttributesClassName', str, 9),
    ]);
    type('PersistentVolumeClaimStatus', '', [
      f('phase', str, 1),
      f('accessModes', list(str), 2, { listType: 'atomic' }),
      f('capacity', map(qty), 3),
      f('conditions', list(ref('PersistentVolumeClaimCondition')), 4, { mergeKey: 'type', strategy: 'merge', listType: 'map', keys: ['type'] }),
      f('allocatedResources', map(qty), 5),
      f('allocatedResourceStatuses', map(str), 7, { mapType: 'granular' }),
      f('currentVolumeAttributesClassName', str, 8),
      f('modifyVolumeStatus', ref('ModifyVolumeStatus'), 9),
    ]);
    type('PersistentVolumeClaimTemplate', '', [
      f('metadata', ref('meta.ObjectMeta'), 1),
      f('spec', ref('PersistentVolumeClaimSpec'), 2, { required: true }),
    ]);
    type('PersistentVolumeClaimVolumeSource', '', [
      f('claimName', str, 1, { required: true }),
      f('readOnly', bool, 2),
    ]);
    kind('PersistentVolumeList', '', [
      f('metadata', ref('meta.ListMeta'), 1),
      f('items', list(ref('PersistentVolume')), 2, { required: true }),
    ]);
    type('PersistentVolumeSource', '', [
      f('gcePersistentDisk', ref('GCEPersistentDiskVolumeSource'), 1),
      f('awsElasticBlockStore', ref('AWSElasticBlockStoreVolumeSource'), 2),
      f('hostPath', ref('HostPathVolumeSource'), 3),
      f('glusterfs', ref('GlusterfsPersistentVolumeSource'), 4),
      f('nfs', ref('NFSVolumeSource'), 5),
      f('rbd', ref('RBDPersistentVolumeSource'), 6),
      f('iscsi', ref('ISCSIPersistentVolumeSource'), 7),
      f('cinder', ref('CinderPersistentVolumeSource'), 8),
      f('cephfs', ref('CephFSPersistentVolumeSource'), 9),
      f('fc', ref('FCVolumeSource'), 10),
      f('flocker', ref('FlockerVolumeSource'), 11),
      f('flexVolume', ref('FlexPersistentVolumeSource'), 12),
      f('azureFile', ref('AzureFilePersistentVolumeSource'), 13),
      f('vsphereVolume', ref('VsphereVirtualDiskVolumeSource'), 14),
      f('quobyte', ref('QuobyteVolumeSource'), 15),
      f('azureDisk', ref('AzureDiskVolumeSource'), 16),
      f('photonPersistentDisk', ref('PhotonPersistentDiskVolumeSource'), 17),
      f('portworxVolume', ref('PortworxVolumeSource'), 18),
      f('scaleIO', ref('ScaleIOPersistentVolumeSource'), 19),
      f('local', ref('LocalVolumeSource'), 20),
      f('storageos', ref('StorageOSPersistentVolumeSource'), 21),
      f('csi', ref('CSIPersistentVolumeSource'), 22),
    ]);
    type('PersistentVolumeSpec', '', [
      f('capacity', map(qty), 1),
      f('persistentVolumeSource', ref('PersistentVolumeSource'), 2, { inline: true }),
      f('accessModes', list(str), 3, { listType: 'atomic' }),
      f('claimRef', ref('ObjectReference'), 4, { structType: 'granular' }),
      f('persistentVolumeReclaimPolicy', str, 5),
      f('storageClassName', str, 6),
      f('mountOptions', list(str), 7, { listType: 'atomic' }),
      f('volumeMode', str, 8),
      f('nodeAffinity', ref('VolumeNodeAffinity'), 9),
      f('volumeAttributesClassName', str, 10),
    ]);
    type('PersistentVolumeStatus', '', [
      f('phase', str, 1),
      f('message', str, 2),
      f('reason', str, 3),
      f('lastPhaseTransitionTime', time, 4),
    ]);
    type('PhotonPersistentDiskVolumeSource', '', [
      f('pdID', str, 1, { required: true }),
      f('fsType', str, 2),
    ]);
    kind('Pod', '', [
      f('metadata', ref('meta.ObjectMeta'), 1),
      f('spec', ref('PodSpec'), 2),
      f('status', ref('PodStatus'), 3),
    ]);
    type('PodAffinity', '', [
      f('requiredDuringSchedulingIgnoredDuringExecution', list(ref('PodAffinityTerm')), 1, { listType: 'atomic' }),
      f('preferredDuringSchedulingIgnoredDuringExecution', list(ref('WeightedPodAffinityTerm')), 2, { listType: 'atomic' }),
    ]);
    type('PodAffinityTerm', '', [
      f('labelSelector', ref('meta.LabelSelector'), 1),
      f('namespaces', list(str), 2, { listType: 'atomic' }),
      f('topologyKey', str, 3, { required: true }),
      f('namespaceSelector', ref('meta.LabelSelector'), 4),
      f('matchLabelKeys', list(str), 5, { listType: 'atomic' }),
      f('mismatchLabelKeys', list(str), 6, { listType: 'atomic' }),
    ]);
    type('PodAntiAffinity', '', [
      f('requiredDuringSchedulingIgnoredDuringExecution', list(ref('PodAffinityTerm')), 1, { listType: 'atomic' }),
      f('preferredDuringSchedulingIgnoredDuringExecution', list(ref('WeightedPodAffinityTerm')), 2, { listType: 'atomic' }),
    ]);
    type('PodCondition', '', [
      f('type', str, 1, { required: true }),
      f('status', str, 2, { required: true }),
      f('lastProbeTime', time, 3),
      f('lastTransitionTime', time, 4),
      f('reason', str, 5),
      f('message', str, 6),
    ]);
    type('PodDNSConfig', '', [
      f('nameservers', list(str), 1, { listType: 'atomic' }),
      f('searches', list(str), 2, { listType: 'atomic' }),
      f('options', list(ref('PodDNSConfigOption')), 3, { listType: 'atomic' }),
    ]);
    type('PodDNSConfigOption', '', [
      f('name', str, 1),
      f('value', str, 2),
    ]);
    type('PodIP', '', [
      f('ip', str, 1, { required: true }),
    ]);
    kind('PodList', '', [
      f('metadata', ref('meta.ListMeta'), 1),
      f('items', list(ref('Pod')), 2, { required: true }),
    ]);
    type('PodOS', '', [
      f('name', str, 1, { required: true }),
    ]);
    type('PodReadinessGate', '', [
      f('conditionType', str, 1, { required: true }),
    ]);
    type('PodResourceClaim', '', [
      f('name', str, 1, { required: true }),
      f('resourceClaimName', str, 3),
      f('resourceClaimTemplateName', str, 4),
    ]);
    type('PodResourceClaimStatus', '', [
      f('name', str, 1, { required: true }),
      f('resourceClaimName', str, 2),
    ]);
    type('PodSchedulingGate', '', [
      f('name', str, 1, { required: true }),
    ]);
    type('PodSecurityContext', '', [
      f('seLinuxOptions', ref('SELinuxOptions'), 1),
      f('windowsOptions', ref('WindowsSecurityContextOptions'), 8),
      f('runAsUser', i64, 2),
      f('runAsGroup', i64, 6),
      f('runAsNonRoot', bool, 3),
      f('supplementalGroups', list(i64), 4, { listType: 'atomic' }),
      f('supplementalGroupsPolicy', str, 12),
      f('fsGroup', i64, 5),
      f('sysctls', list(ref('Sysctl')), 7, { listType: 'atomic' }),
      f('fsGroupChangePolicy', str, 9),
      f('seccompProfile', ref('SeccompProfile'), 10),
      f('appArmorProfile', ref('AppArmorProfile'), 11),
      f('seLinuxChangePolicy', str, 13),
    ]);
    type('PodSpec', '', [
      f('volumes', list(ref('Volume')), 1, { mergeKey: 'name', strategy: 'merge,retainKeys', listType: 'map', keys: ['name'] }),
      f('initContainers', list(ref('Container')), 20, { mergeKey: 'name', strategy: 'merge', listType: 'map', keys: ['name'] }),
      f('containers', list(ref('Container')), 2, { mergeKey: 'name', strategy: 'merge', listType: 'map', keys: ['name'], required: true }),
      f('ephemeralContainers', list(ref('EphemeralContainer')), 34, { mergeKey: 'name', strategy: 'merge', listType: 'map', keys: ['name'] }),
      f('restartPolicy', str, 3),
      f('terminationGracePeriodSeconds', i64, 4),
      f('activeDeadlineSeconds', i64, 5),
      f('dnsPolicy', str, 6),
      f('nodeSelector', map(str), 7, { mapType: 'atomic' }),
      f('serviceAccountName', str, 8),
      f('serviceAccount', str, 9),
      f('automountServiceAccountToken', bool, 21),
      f('nodeName', str, 10),
      f('hostNetwork', bool, 11),
      f('hostPID', bool, 12),
      f('hostIPC', bool, 13),
      f('shareProcessNamespace', bool, 27),
      f('securityContext', ref('PodSecurityContext'), 14),
      f('imagePullSecrets', list(ref('LocalObjectReference')), 15, { mergeKey: 'name', strategy: 'merge', listType: 'map', keys: ['name'] }),
      f('hostname', str, 16),
      f('subdomain', str, 17),
      f('affinity', ref('Affinity'), 18),
      f('schedulerName', str, 19),
      f('tolerations', list(ref('Toleration')), 22, { listType: 'atomic' }),
      f('hostAliases', list(ref('HostAlias')), 23, { mergeKey: 'ip', strategy: 'merge', listType: 'map', keys: ['ip'] }),
      f('priorityClassName', str, 24),
      f('priority', i32, 25),
      f('dnsConfig', ref('PodDNSConfig'), 26),
      f('readinessGates', list(ref('PodReadinessGate')), 28, { listType: 'atomic' }),
      f('runtimeClassName', str, 29),
      f('enableServiceLinks', bool, 30),
      f('preemptionPolicy', str, 31),
      f('overhead', map(qty), 32),
      f('topologySpreadConstraints', list(ref('TopologySpreadConstraint')), 33, { mergeKey: 'topologyKey', strategy: 'merge', listType: 'map', keys: ['topologyKey', 'whenUnsatisfiable'] }),
      f('setHostnameAsFQDN', bool, 35),
      f('os', ref('PodOS'), 36),
      f('hostUsers', bool, 37),
      f('schedulingGates', list(ref('PodSchedulingGate')), 38, { mergeKey: 'name', strategy: 'merge', listType: 'map', keys: ['name'] }),
      f('resourceClaims', list(ref('PodResourceClaim')), 39, { mergeKey: 'name', strategy: 'merge,retainKeys', listType: 'map', keys: ['name'] }),
      f('resources', ref('ResourceRequirements'), 40),
    ]);
    type('PodStatus', '', [
      f('phase', str, 1),
      f('conditions', list(ref('PodCondition')), 2, { mergeKey: 'type', strategy: 'merge', listType: 'map', keys: ['type'] }),
      f('message', str, 3),
      f('reason', str, 4),
      f('nominatedNodeName', str, 11),
      f('hostIP', str, 5),
      f('hostIPs', list(ref('HostIP')), 16, { mergeKey: 'ip', strategy: 'merge', listType: 'atomic' }),
      f('podIP', str, 6),
      f('podIPs', list(ref('PodIP')), 12, { mergeKey: 'ip', strategy: 'merge', listType: 'map', keys: ['ip'] }),
      f('startTime', time, 7),
      f('initContainerStatuses', list(ref('ContainerStatus')), 10, { listType: 'atomic' }),
      f('containerStatuses', list(ref('ContainerStatus')), 8, { listType: 'atomic' }),
      f('qosClass', str, 9),
      f('ephemeralContainerStatuses', list(ref('ContainerStatus')), 13, { listType: 'atomic' }),
      f('resize', str, 14),
      f('resourceClaimStatuses', list(ref('PodResourceClaimStatus')), 15, { mergeKey: 'name', strategy: 'merge,retainKeys', listType: 'map', keys: ['name'] }),
    ]);
    kind('PodTemplate', '', [
      f('metadata', ref('meta.ObjectMeta'), 1),
      f('template', ref('PodTemplateSpec'), 2),
    ]);
    kind('PodTemplateList', '', [
      f('metadata', ref('meta.ListMeta'), 1),
      f('items', list(ref('PodTemplate')), 2, { required: true }),
    ]);
    type('PodTemplateSpec', '', [
      f('metadata', ref('meta.ObjectMeta'), 1),
      f('spec', ref('PodSpec'), 2),
    ]);
    type('PortStatus', '', [
      f('port', i32, 1, { required: true }),
      f('protocol', str, 2, { required: true }),
      f('error', str, 3),
    ]);
    type('PortworxVolumeSource', '', [
      f('volumeID', str, 1, { required: true }),
      f('fsType', str, 2),
      f('readOnly', bool, 3),
    ]);
    type('PreferredSchedulingTerm', '', [
      f('weight', i32, 1, { required: true }),
      f('preference', ref('NodeSelectorTerm'), 2, { required: true }),
    ]);
    type('Probe', '', [
      f('handler', ref('ProbeHandler'), 1, { inline: true }),
      f('initialDelaySeconds', i32, 2),
      f('timeoutSeconds', i32, 3),
      f('periodSeconds', i32, 4),
      f('successThreshold', i32, 5),
      f('failureThreshold', i32, 6),
      f('terminationGracePeriodSeconds', i64, 7),
    ]);
    type('ProbeHandler', '', [
      f('exec', ref('ExecAction'), 1),
      f('httpGet', ref('HTTPGetAction'), 2),
      f('tcpSocket', ref('TCPSocketAction'), 3),
      f('grpc', ref('GRPCAction'), 4),
    ]);
    type('ProjectedVolumeSource', '', [
      f('sources', list(ref('VolumeProjection')), 1, { listType: 'atomic' }),
      f('defaultMode', i32, 2),
    ]);
    type('QuobyteVolumeSource', '', [
      f('registry', str, 1, { required: true }),
      f('volume', str, 2, { required: true }),
      f('readOnly', bool, 3),
      f('user', str, 4),
      f('group', str, 5),
      f('tenant', str, 6),
    ]);
    type('RBDPersistentVolumeSource', '', [
      f('monitors', list(str), 1, { listType: 'atomic', required: true }),
      f('image', str, 2, { required: true }),
      f('fsType', str, 3),
      f('pool', str, 4),
      f('user', str, 5),
      f('keyring', str, 6),
      f('secretRef', ref('SecretReference'), 7),
      f('readOnly', bool, 8),
    ]);
    type('RBDVolumeSource', '', [
      f('monitors', list(str), 1, { listType: 'atomic', required: true }),
      f('image', str, 2, { required: true }),
      f('fsType', str, 3),
      f('pool', str, 4),
      f('user', str, 5),
      f('keyring', str, 6),
      f('secretRef', ref('LocalObjectReference'), 7),
      f('readOnly', bool, 8),
    ]);
    kind('ReplicationController', '', [
      f('metadata', ref('meta.ObjectMeta'), 1),
      f('spec', ref('ReplicationControllerSpec'), 2),
      f('status', ref('ReplicationControllerStatus'), 3),
    ]);
    type('ReplicationControllerCondition', '', [
      f('type', str, 1, { required: true }),
      f('status', str, 2, { required: true }),
      f('lastTransitionTime', time, 3),
      f('reason', str, 4),
      f('message', str, 5),
    ]);
    kind('ReplicationControllerList', '', [
      f('metadata', ref('meta.ListMeta'), 1),
      f('items', list(ref('ReplicationController')), 2, { required: true }),
    ]);
    type('ReplicationControllerSpec', '', [
      f('replicas', i32, 1),
      f('minReadySeconds', i32, 4),
      f('selector', map(str), 2, { mapType: 'atomic' }),
      f('template', ref('PodTemplateSpec'), 3),
    ]);
    type('ReplicationControllerStatus', '', [
      f('replicas', i32, 1, { required: true }),
      f('fullyLabeledReplicas', i32, 2),
      f('readyReplicas', i32, 4),
      f('availableReplicas', i32, 5),
      f('observedGeneration', i64, 3),
      f('conditions', list(ref('ReplicationControllerCondition')), 6, { mergeKey: 'type', strategy: 'merge', listType: 'map', keys: ['type'] }),
    ]);
    type('ResourceClaim', '', [
      f('name', str, 1, { required: true }),
      f('request', str, 2),
    ]);
    type('ResourceFieldSelector', '', [
      f('containerName', str, 1),
      f('resource', str, 2, { required: true }),
      f('divisor', qty, 3),
    ]);
    type('ResourceHealth', '', [
      f('resourceID', str, 1, { required: true }),
      f('health', str, 2),
    ]);
    kind('ResourceQuota', '', [
      f('metadata', ref('meta.ObjectMeta'), 1),
      f('spec', ref('ResourceQuotaSpec'), 2),
      f('status', ref('ResourceQuotaStatus'), 3),
    ]);
    kind('ResourceQuotaList', '', [
      f('metadata', ref('meta.ListMeta'), 1),
      f('items', list(ref('ResourceQuota')), 2, { required: true }),
    ]);
    type('ResourceQuotaSpec', '', [
      f('hard', map(qty), 1),
      f('scopes', list(str), 2, { listType: 'atomic' }),
      f('scopeSelector', ref('ScopeSelector'), 3),
    ]);
    type('ResourceQuotaStatus', '', [
      f('hard', map(qty), 1),
      f('used', map(qty), 2),
    ]);
    type('ResourceRequirements', '', [
      f('limits', map(qty), 1),
      f('requests', map(qty), 2),
      f('claims', list(ref('ResourceClaim')), 3, { listType: 'map', keys: ['name'] }),
    ]);
    type('ResourceStatus', '', [
      f('name', str, 1, { required: true }),
      f('resources', list(ref('ResourceHealth')), 2, { listType: 'map', keys: ['resourceID'] }),
    ]);
    type('SELinuxOptions', '', [
      f('user', str, 1),
      f('role', str, 2),
      f('type', str, 3),
      f('level', str, 4),
    ]);
    type('ScaleIOPersistentVolumeSource', '', [
      f('gateway', str, 1, { required: true }),
      f('system', str, 2, { required: true }),
      f('secretRef', ref('SecretReference'), 3, { required: true }),
      f('sslEnabled', bool, 4),
      f('protectionDomain', str, 5),
      f('storagePool', str, 6),
      f('storageMode', str, 7),
      f('volumeName', str, 8),
      f('fsType', str, 9),
      f('readOnly', bool, 10),
    ]);
    type('ScaleIOVolumeSource', '', [
      f('gateway', str, 1, { required: true }),
      f('system', str, 2, { required: true }),
      f('secretRef', ref('LocalObjectReference'), 3, { required: true }),
      f('sslEnabled', bool, 4),
      f('protectionDomain', str, 5),
      f('storagePool', str, 6),
      f('storageMode', str, 7),
      f('volumeName', str, 8),
      f('fsType', str, 9),
      f('readOnly', bool, 10),
    ]);
    type('ScopeSelector', '', [
      f('matchExpressions', list(ref('ScopedResourceSelectorRequirement')), 1, { listType: 'atomic' }),
    ]);
    type('ScopedResourceSelectorRequirement', '', [
      f('scopeName', str, 1, { required: true }),
      f('operator', str, 2, { required: true }),
      f('values', list(str), 3, { listType: 'atomic' }),
    ]);
    type('SeccompProfile', '', [
      f('type', str, 1, { required: true }),
      f('localhostProfile', str, 2),
    ]);
    kind('Secret', '', [
      f('metadata', ref('meta.ObjectMeta'), 1),
      f('immutable', bool, 5),
      f('data', map(bytes), 2),
      f('stringData', map(str), 4),
      f('type', str, 3),
    ]);
    type('SecretEnvSource', '', [
      f('localObjectReference', ref('LocalObjectReference'), 1, { inline: true }),
      f('optional', bool, 2),
    ]);
    type('SecretKeySelector', '', [
      f('localObjectReference', ref('LocalObjectReference'), 1, { inline: true }),
      f('key', str, 2, { required: true }),
      f('optional', bool, 3),
    ]);
    kind('SecretList', '', [
      f('metadata', ref('meta.ListMeta'), 1),
      f('items', list(ref('Secret')), 2, { required: true }),
    ]);
    type('SecretProjection', '', [
      f('localObjectReference', ref('LocalObjectReference'), 1, { inline: true }),
      f('items', list(ref('KeyToPath')), 2, { listType: 'atomic' }),
      f('optional', bool, 4),
    ]);
    type('SecretReference', '', [
      f('name', str, 1),
      f('namespace', str, 2),
    ]);
    type('SecretVolumeSource', '', [
      f('secretName', str, 1),
      f('items', list(ref('KeyToPath')), 2, { listType: 'atomic' }),
      f('defaultMode', i32, 3),
      f('optional', bool, 4),
    ]);
    type('SecurityContext', '', [
      f('capabilities', ref('Capabilities'), 1),
      f('privileged', bool, 2),
      f('seLinuxOptions', ref('SELinuxOptions'), 3),
      f('windowsOptions', ref('WindowsSecurityContextOptions'), 10),
      f('runAsUser', i64, 4),
      f('runAsGroup', i64, 8),
      f('runAsNonRoot', bool, 5),
      f('readOnlyRootFilesystem', bool, 6),
      f('allowPrivilegeEscalation', bool, 7),
      f('procMount', str, 9),
      f('seccompProfile', ref('SeccompProfile'), 11),
      f('appArmorProfile', ref('AppArmorProfile'), 12),
    ]);
    kind('Service', '', [
      f('metadata', ref('meta.ObjectMeta'), 1),
      f('spec', ref('ServiceSpec'), 2),
      f('status', ref('ServiceStatus'), 3),
    ]);
    kind('ServiceAccount', '', [
      f('metadata', ref('meta.ObjectMeta'), 1),
      f('secrets', list(ref('ObjectReference')), 2, { mergeKey: 'name', strategy: 'merge', listType: 'map', keys: ['name'] }),
      f('imagePullSecrets', list(ref('LocalObjectReference')), 3, { listType: 'atomic' }),
      f('automountServiceAccountToken', bool, 4),
    ]);
    kind('ServiceAccountList', '', [
      f('metadata', ref('meta.ListMeta'), 1),
      f('items', list(ref('ServiceAccount')), 2, { required: true }),
    ]);
    type('ServiceAccountTokenProjection', '', [
      f('audience', str, 1),
      f('expirationSeconds', i64, 2),
      f('path', str, 3, { required: true }),
    ]);
    kind('ServiceList', '', [
      f('metadata', ref('meta.ListMeta'), 1),
      f('items', list(ref('Service')), 2, { required: true }),
    ]);
    type('ServicePort', '', [
      f('name', str, 1),
      f('protocol', str, 2),
      f('appProtocol', str, 6),
      f('port', i32, 3, { required: true }),
      f('targetPort', ios, 4),
      f('nodePort', i32, 5),
    ]);
    type('ServiceSpec', '', [
      f('ports', list(ref('ServicePort')), 1, { mergeKey: 'port', strategy: 'merge', listType: 'map', keys: ['port', 'protocol'] }),
      f('selector', map(str), 2, { mapType: 'atomic' }),
      f('clusterIP', str, 3),
      f('clusterIPs', list(str), 18, { listType: 'atomic' }),
      f('type', str, 4),
      f('externalIPs', list(str), 5, { listType: 'atomic' }),
      f('sessionAffinity', str, 7),
      f('loadBalancerIP', str, 8),
      f('loadBalancerSourceRanges', list(str), 9, { listType: 'atomic' }),
      f('externalName', str, 10),
      f('externalTrafficPolicy', str, 11),
      f('healthCheckNodePort', i32, 12),
      f('publishNotReadyAddresses', bool, 13),
      f('sessionAffinityConfig', ref('SessionAffinityConfig'), 14),
      f('ipFamilies', list(str), 19, { listType: 'atomic' }),
      f('ipFamilyPolicy', str, 17),
      f('allocateLoadBalancerNodePorts', bool, 20),
      f('loadBalancerClass', str, 21),
      f('internalTrafficPolicy', str, 22),
      f('trafficDistribution', str, 23),
    ]);
    type('ServiceStatus', '', [
      f('loadBalancer', ref('LoadBalancerStatus'), 1),
      f('conditions', list(ref('meta.Condition')), 2, { mergeKey: 'type', strategy: 'merge', listType: 'map', keys: ['type'] }),
    ]);
    type('SessionAffinityConfig', '', [
      f('clientIP', ref('ClientIPConfig'), 1),
    ]);
    type('SleepAction', '', [
      f('seconds', i64, 1, { required: true }),
    ]);
    type('StorageOSPersistentVolumeSource', '', [
      f('volumeName', str, 1),
      f('volumeNamespace', str, 2),
      f('fsType', str, 3),
      f('readOnly', bool, 4),
      f('secretRef', ref('ObjectReference'), 5),
    ]);
    type('StorageOSVolumeSource', '', [
      f('volumeName', str, 1),
      f('volumeNamespace', str, 2),
      f('fsType', str, 3),
      f('readOnly', bool, 4),
      f('secretRef', ref('LocalObjectReference'), 5),
    ]);
    type('Sysctl', '', [
      f('name', str, 1, { required: true }),
      f('value', str, 2, { required: true }),
    ]);
    type('TCPSocketAction', '', [
      f('port', ios, 1, { required: true }),
      f('host', str, 2),
    ]);
    type('Taint', '', [
      f('key', str, 1, { required: true }),
      f('value', str, 2),
      f('effect', str, 3, { required: true }),
      f('timeAdded', time, 4),
    ]);
    type('Toleration', '', [
      f('key', str, 1),
      f('operator', str, 2),
      f('value', str, 3),
      f('effect', str, 4),
      f('tolerationSeconds', i64, 5),
    ]);
    type('TopologySelectorLabelRequirement', '', [
      f('key', str, 1, { required: true }),
      f('values', list(str), 2, { listType: 'atomic', required: true }),
    ]);
    type('TopologySelectorTerm', '', [
      f('matchLabelExpressions', list(ref('TopologySelectorLabelRequirement')), 1, { listType: 'atomic' }),
    ]);
    type('TopologySpreadConstraint', '', [
      f('maxSkew', i32, 1, { required: true }),
      f('topologyKey', str, 2, { required: true }),
      f('whenUnsatisfiable', str, 3, { required: true }),
      f('labelSelector', ref('meta.LabelSelector'), 4),
      f('minDomains', i32, 5),
      f('nodeAffinityPolicy', str, 6),
      f('nodeTaintsPolicy', str, 7),
      f('matchLabelKeys', list(str), 8, { listType: 'atomic' }),
    ]);
    type('TypedLocalObjectReference', '', [
      f('apiGroup', str, 1),
      f('kind', str, 2, { required: true }),
      f('name', str, 3, { required: true }),
    ]);
    type('TypedObjectReference', '', [
      f('apiGroup', str, 1),
      f('kind', str, 2, { required: true }),
      f('name', str, 3, { required: true }),
      f('namespace', str, 4),
    ]);
    type('Volume', '', [
      f('name', str, 1, { required: true }),
      f('volumeSource', ref('VolumeSource'), 2, { inline: true }),
    ]);
    type('VolumeDevice', '', [
      f('name', str, 1, { required: true }),
      f('devicePath', str, 2, { required: true }),
    ]);
    type('VolumeMount', '', [
      f('name', str, 1, { required: true }),
      f('readOnly', bool, 2),
      f('recursiveReadOnly', str, 7),
      f('mountPath', str, 3, { required: true }),
      f('subPath', str, 4),
      f('mountPropagation', str, 5),
      f('subPathExpr', str, 6),
    ]);
    type('VolumeMountStatus', '', [
      f('name', str, 1, { required: true }),
      f('mountPath', str, 2, { required: true }),
      f('readOnly', bool, 3),
      f('recursiveReadOnly', str, 4),
    ]);
    type('VolumeNodeAffinity', '', [
      f('required', ref('NodeSelector'), 1),
    ]);
    type('VolumeProjection', '', [
      f('secret', ref('SecretProjection'), 1),
      f('downwardAPI', ref('DownwardAPIProjection'), 2),
      f('configMap', ref('ConfigMapProjection'), 3),
      f('serviceAccountToken', ref('ServiceAccountTokenProjection'), 4),
      f('clusterTrustBundle', ref('ClusterTrustBundleProjection'), 5),
    ]);
    type('VolumeResourceRequirements', '', [
      f('limits', map(qty), 1),
      f('requests', map(qty), 2),
    ]);
    type('VolumeSource', '', [
      f('hostPath', ref('HostPathVolumeSource'), 1),
      f('emptyDir', ref('EmptyDirVolumeSource'), 2),
      f('gcePersistentDisk', ref('GCEPersistentDiskVolumeSource'), 3),
      f('awsElasticBlockStore', ref('AWSElasticBlockStoreVolumeSource'), 4),
      f('gitRepo', ref('GitRepoVolumeSource'), 5),
      f('secret', ref('SecretVolumeSource'), 6),
      f('nfs', ref('NFSVolumeSource'), 7),
      f('iscsi', ref('ISCSIVolumeSource'), 8),
      f('glusterfs', ref('GlusterfsVolumeSource'), 9),
      f('persistentVolumeClaim', ref('PersistentVolumeClaimVolumeSource'), 10),
      f('rbd', ref('RBDVolumeSource'), 11),
      f('flexVolume', ref('FlexVolumeSource'), 12),
      f('cinder', ref('CinderVolumeSource'), 13),
      f('cephfs', ref('CephFSVolumeSource'), 14),
      f('flocker', ref('FlockerVolumeSource'), 15),
      f('downwardAPI', ref('DownwardAPIVolumeSource'), 16),
      f('fc', ref('FCVolumeSource'), 17),
      f('azureFile', ref('AzureFileVolumeSource'), 18),
      f('configMap', ref('ConfigMapVolumeSource'), 19),
      f('vsphereVolume', ref('VsphereVirtualDiskVolumeSource'), 20),
      f('quobyte', ref('QuobyteVolumeSource'), 21),
      f('azureDisk', ref('AzureDiskVolumeSource'), 22),
      f('photonPersistentDisk', ref('PhotonPersistentDiskVolumeSource'), 23),
      f('projected', ref('ProjectedVolumeSource'), 26),
      f('portworxVolume', ref('PortworxVolumeSource'), 24),
      f('scaleIO', ref('ScaleIOVolumeSource'), 25),
      f('storageos', ref('StorageOSVolumeSource'), 27),
      f('csi', ref('CSIVolumeSource'), 28),
      f('ephemeral', ref('EphemeralVolumeSource'), 29),
      f('image', ref('ImageVolumeSource'), 30),
    ]);
    type('VsphereVirtualDiskVolumeSource', '', [
      f('volumePath', str, 1, { required: true }),
      f('fsType', str, 2),
      f('storagePolicyName', str, 3),
      f('storagePolicyID', str, 4),
    ]);
    type('WeightedPodAffinityTerm', '', [
      f('weight', i32, 1, { required: true }),
      f('podAffinityTerm', ref('PodAffinityTerm'), 2, { required: true }),
    ]);
    type('WindowsSecurityContextOptions', '', [
      f('gmsaCredentialSpecName', str, 1),
      f('gmsaCredentialSpec', str, 2),
      f('runAsUserName', str, 3),
      f('hostProcess', bool, 4),
    ]);
  },
);
