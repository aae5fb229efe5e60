// A chart in the shapes real charts use (Bitnami, prometheus-community,
// ingress-nginx, cert-manager): a StatefulSet with claim templates, webhook
// configurations, an APIService with its backing Deployment, a CRD of several
// hundred KB in crds/ with an instance, Services without `protocol` (one of type
// LoadBalancer), a post-install/upgrade hook Job with ttlSecondsAfterFinished 0,
// a RuntimeClass, a test hook and a library chart of helpers (as
// bitnami/common is used). Every name carries the release name, so two
// releases (Helm 3's and Helm 4's) can share a cluster.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A CRD whose schema is about `kb` kilobytes (many described properties, as operator CRDs have). */
export function bigCrd(kb: number): string {
  const props: string[] = [];
  let size = 0;
  for (let i = 0; size < kb * 1024; i++) {
    const p = `                field${i}:\n                  description: Field ${i} of the widget specification, documented at length as generated CRDs are; it controls behaviour number ${i}.\n                  type: ${i % 3 === 0 ? 'string' : i % 3 === 1 ? 'integer' : 'boolean'}\n`;
    props.push(p);
    size += p.length;
  }
  return `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.shapes.example.com
spec:
  group: shapes.example.com
  names: {kind: Widget, listKind: WidgetList, plural: widgets, singular: widget}
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      subresources: {status: {}}
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
                size: {type: integer}
${props.join('')}            status:
              type: object
              x-kubernetes-preserve-unknown-fields: true
`;
}

const TEMPLATES: Record<string, string> = {
  'configmap.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Release.Name }}-config
data:
  message: {{ .Values.message | quote }}
`,
  'statefulset.yaml': `apiVersion: v1
kind: Service
metadata:
  name: {{ .Release.Name }}-db-headless
spec:
  clusterIP: None
  selector: {app: {{ .Release.Name }}-db}
  ports:
    - name: tcp-db
      port: 5432
      targetPort: tcp-db
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: {{ .Release.Name }}-db
spec:
  serviceName: {{ .Release.Name }}-db-headless
  replicas: 1
  selector:
    matchLabels: {app: {{ .Release.Name }}-db}
  template:
    metadata:
      labels: {app: {{ .Release.Name }}-db}
      annotations: {checksum/config: {{ .Values.message | sha256sum | quote }}}
    spec:
      containers:
        - name: db
          image: postgres:16
          ports:
            - name: tcp-db
              containerPort: 5432
          volumeMounts:
            - name: data
              mountPath: /var/lib/postgresql/data
  volumeClaimTemplates:
    - metadata:
        name: data
      spec:
        accessModes: [ReadWriteOnce]
        resources:
          requests:
            storage: 1Gi
`,
  'service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: {{ .Release.Name }}-web
spec:
  type: LoadBalancer
  selector: {app: {{ .Release.Name }}-web}
  ports:
    - name: http
      port: 80
      targetPort: http
`,
  'deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}-web
  labels:
    {{- include "common.labels" . | nindent 4 }}
spec:
  replicas: {{ .Values.replicas }}
  selector:
    matchLabels: {app: {{ .Release.Name }}-web}
  template:
    metadata:
      labels: {app: {{ .Release.Name }}-web}
    spec:
      containers:
        - name: web
          image: nginx:1.27
          ports:
            - name: http
              containerPort: 8080
          readinessProbe:
            httpGet: {path: /healthz, port: http}
`,
  'webhooks.yaml': `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata:
  name: {{ .Release.Name }}-validating
webhooks:
  - name: validate.{{ .Release.Name }}.shapes.example.com
    admissionReviewVersions: [v1]
    sideEffects: None
    failurePolicy: Ignore
    clientConfig:
      service: {name: {{ .Release.Name }}-web, namespace: {{ .Release.Namespace }}, path: /validate}
    rules:
      - apiGroups: [shapes.example.com]
        apiVersions: [v1]
        operations: [CREATE, UPDATE]
        resources: [widgets]
---
apiVersion: admissionregistration.k8s.io/v1
kind: MutatingWebhookConfiguration
metadata:
  name: {{ .Release.Name }}-mutating
webhooks:
  - name: mutate.{{ .Release.Name }}.shapes.example.com
    admissionReviewVersions: [v1]
    sideEffects: None
    failurePolicy: Ignore
    clientConfig:
      service: {name: {{ .Release.Name }}-web, namespace: {{ .Release.Namespace }}, path: /mutate}
    rules:
      - apiGroups: [shapes.example.com]
        apiVersions: [v1]
        operations: [CREATE]
        resources: [widgets]
`,
  'apiservice.yaml': `apiVersion: apiregistration.k8s.io/v1
kind: APIService
metadata:
  name: v1beta1.{{ .Release.Name }}.metrics.example.com
spec:
  group: {{ .Release.Name }}.metrics.example.com
  version: v1beta1
  groupPriorityMinimum: 100
  versionPriority: 100
  insecureSkipTLSVerify: true
  service:
    name: {{ .Release.Name }}-metrics
    namespace: {{ .Release.Namespace }}
---
apiVersion: v1
kind: Service
metadata:
  name: {{ .Release.Name }}-metrics
spec:
  selector: {app: {{ .Release.Name }}-metrics}
  ports:
    - name: https
      port: 443
      targetPort: https
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}-metrics
spec:
  selector:
    matchLabels: {app: {{ .Release.Name }}-metrics}
  template:
    metadata:
      labels: {app: {{ .Release.Name }}-metrics}
    spec:
      containers:
        - name: metrics
          image: registry.k8s.io/metrics-server/metrics-server:v0.7.2
          ports:
            - name: https
              containerPort: 10250
`,
  'runtimeclass.yaml': `apiVersion: node.k8s.io/v1
kind: RuntimeClass
metadata:
  name: {{ .Release.Name }}-gvisor
handler: runsc
`,
  'widget.yaml': `apiVersion: shapes.example.com/v1
kind: Widget
metadata:
  name: {{ .Release.Name }}-widget
spec:
  size: {{ .Values.replicas }}
`,
  'hook-job.yaml': `apiVersion: batch/v1
kind: Job
metadata:
  name: {{ .Release.Name }}-migrate
  annotations:
    helm.sh/hook: post-install,post-upgrade
    helm.sh/hook-weight: "1"
    helm.sh/hook-delete-policy: before-hook-creation
spec:
  ttlSecondsAfterFinished: 0
  backoffLimit: 1
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: migrate
          image: busybox
          command: [sh, -c, "echo migrated"]
`,
  'tests/test-connection.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: {{ .Release.Name }}-test-connection
  annotations:
    helm.sh/hook: test
    helm.sh/hook-delete-policy: before-hook-creation
spec:
  restartPolicy: Never
  containers:
    - name: wget
      image: busybox
      command: [wget, "{{ .Release.Name }}-web:80"]
`,
};

/** Writes the chart under `dir` and returns its path. */
export function writeShapesChart(dir: string, crdKb = 300): string {
  const root = join(dir, 'shapes');
  mkdirSync(join(root, 'templates', 'tests'), { recursive: true });
  mkdirSync(join(root, 'crds'), { recursive: true });
  writeFileSync(join(root, 'Chart.yaml'), 'apiVersion: v2\nname: shapes\nversion: 1.0.0\nappVersion: "1.0"\ndependencies:\n  - name: common\n    version: 2.0.0\n    repository: file://charts/common\n');
  writeFileSync(join(root, 'values.yaml'), 'message: one\nreplicas: 2\n');
  writeFileSync(join(root, 'crds', 'widgets.yaml'), bigCrd(crdKb));
  for (const [f, t] of Object.entries(TEMPLATES)) writeFileSync(join(root, 'templates', f), t);
  // A library chart, as bitnami/common is used: helpers only, no manifests.
  const lib = join(root, 'charts', 'common');
  mkdirSync(join(lib, 'templates'), { recursive: true });
  writeFileSync(join(lib, 'Chart.yaml'), 'apiVersion: v2\nname: common\nversion: 2.0.0\ntype: library\n');
  writeFileSync(join(lib, 'templates', '_labels.tpl'), `{{- define "common.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end -}}
`);
  return root;
}
