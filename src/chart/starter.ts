// The chart `skiff create` writes: what `helm create` makes, in skiff's
// nunjucks template language. `<CHARTNAME>` is replaced by the chart name.

const CHART_YAML = `apiVersion: v2
name: <CHARTNAME>
description: A Helm-style chart for Kubernetes, templated with nunjucks

# A chart can be either an 'application' or a 'library' chart.
#
# Application charts are a collection of templates that can be packaged into versioned archives
# to be deployed.
#
# Library charts provide useful utilities or functions for the chart developer. They're included as
# a dependency of application charts to inject those utilities and functions into the rendering
# pipeline. Library charts do not define any templates and therefore cannot be deployed.
type: application

# This is the chart version. This version number should be incremented each time you make changes
# to the chart and its templates, including the app version.
# Versions are expected to follow Semantic Versioning (https://semver.org/)
version: 0.1.0

# This is the version number of the application being deployed. This version number should be
# incremented each time you make changes to the application. Versions are not expected to
# follow Semantic Versioning. They should reflect the version the application is using.
# It is recommended to use it with quotes.
appVersion: "1.16.0"
`;

const VALUES_YAML = `# Default values for <CHARTNAME>.
# This is a YAML-formatted file.
# Declare variables to be passed into your templates.

# This will set the replicaset count. More information can be found here: https://kubernetes.io/docs/concepts/workloads/controllers/replicaset/
replicaCount: 1

# This sets the container image. More information can be found here: https://kubernetes.io/docs/concepts/containers/images/
image:
  repository: nginx
  # This sets the pull policy for images.
  pullPolicy: IfNotPresent
  # Overrides the image tag whose default is the chart appVersion.
  tag: ""

# This is for the secrets for pulling an image from a private repository. More information can be found here: https://kubernetes.io/docs/tasks/configure-pod-container/pull-image-private-registry/
imagePullSecrets: []
# This is to override the chart name.
nameOverride: ""
fullnameOverride: ""

# This section builds out the service account. More information can be found here: https://kubernetes.io/docs/concepts/security/service-accounts/
serviceAccount:
  # Specifies whether a service account should be created
  create: true
  # Automatically mount a ServiceAccount's API credentials?
  automount: true
  # Annotations to add to the service account
  annotations: {}
  # The name of the service account to use.
  # If not set and create is true, a name is generated using the fullname template
  name: ""

# This is for setting Kubernetes Annotations to a Pod.
# For more information checkout: https://kubernetes.io/docs/concepts/overview/working-with-objects/annotations/
podAnnotations: {}
# This is for setting Kubernetes Labels to a Pod.
# For more information checkout: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/
podLabels: {}

podSecurityContext: {}
  # fsGroup: 2000

securityContext: {}
  # capabilities:
  #   drop:
  #   - ALL
  # readOnlyRootFilesystem: true
  # runAsNonRoot: true
  # runAsUser: 1000

# This is for setting up a service. More information can be found here: https://kubernetes.io/docs/concepts/services-networking/service/
service:
  # This sets the service type. More information can be found here: https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types
  type: ClusterIP
  # This sets the ports. More information can be found here: https://kubernetes.io/docs/concepts/services-networking/service/#field-spec-ports
  port: 80

# This block is for setting up the ingress. More information can be found here: https://kubernetes.io/docs/concepts/services-networking/ingress/
ingress:
  enabled: false
  className: ""
  annotations: {}
    # kubernetes.io/ingress.class: nginx
    # kubernetes.io/tls-acme: "true"
  hosts:
    - host: chart-example.local
      paths:
        - path: /
          pathType: ImplementationSpecific
  tls: []
  #  - secretName: chart-example-tls
  #    hosts:
  #      - chart-example.local

resources: {}
  # We usually recommend not to specify default resources and to leave this as a conscious
  # choice for the user. This also increases chances charts run on environments with little
  # resources, such as Minikube. If you do want to specify resources, uncomment the following
  # lines, adjust them as necessary, and remove the curly braces after 'resources:'.
  # limits:
  #   cpu: 100m
  #   memory: 128Mi
  # requests:
  #   cpu: 100m
  #   memory: 128Mi

# This is to setup the liveness and readiness probes. More information can be found here: https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/
livenessProbe:
  httpGet:
    path: /
    port: http
readinessProbe:
  httpGet:
    path: /
    port: http

# This section is for setting up autoscaling. More information can be found here: https://kubernetes.io/docs/concepts/workloads/autoscaling/
autoscaling:
  enabled: false
  minReplicas: 1
  maxReplicas: 100
  targetCPUUtilizationPercentage: 80
  # targetMemoryUtilizationPercentage: 80

# Additional volumes on the output Deployment definition.
volumes: []
# - name: foo
#   secret:
#     secretName: mysecret
#     optional: false

# Additional volumeMounts on the output Deployment definition.
volumeMounts: []
# - name: foo
#   mountPath: "/etc/foo"
#   readOnly: true

nodeSelector: {}

tolerations: []

affinity: {}
`;

const VALUES_SCHEMA = `{
  "$schema": "http://json-schema.org/draft-07/schema#",
  "title": "<CHARTNAME> values",
  "type": "object",
  "properties": {
    "replicaCount": { "type": "integer", "minimum": 0 },
    "image": {
      "type": "object",
      "properties": {
        "repository": { "type": "string", "minLength": 1 },
        "pullPolicy": { "type": "string", "enum": ["Always", "IfNotPresent", "Never"] },
        "tag": { "type": "string" }
      },
      "required": ["repository"]
    },
    "imagePullSecrets": { "type": "array", "items": { "type": "object" } },
    "nameOverride": { "type": "string" },
    "fullnameOverride": { "type": "string" },
    "serviceAccount": {
      "type": "object",
      "properties": {
        "create": { "type": "boolean" },
        "automount": { "type": "boolean" },
        "annotations": { "type": "object" },
        "name": { "type": "string" }
      }
    },
    "podAnnotations": { "type": "object" },
    "podLabels": { "type": "object" },
    "podSecurityContext": { "type": "object" },
    "securityContext": { "type": "object" },
    "service": {
      "type": "object",
      "properties": {
        "type": { "type": "string", "enum": ["ClusterIP", "NodePort", "LoadBalancer", "ExternalName"] },
        "port": { "type": "integer", "minimum": 1, "maximum": 65535 }
      }
    },
    "ingress": {
      "type": "object",
      "properties": {
        "enabled": { "type": "boolean" },
        "className": { "type": "string" },
        "annotations": { "type": "object" },
        "hosts": { "type": "array" },
        "tls": { "type": "array" }
      }
    },
    "resources": { "type": "object" },
    "livenessProbe": { "type": "object" },
    "readinessProbe": { "type": "object" },
    "autoscaling": {
      "type": "object",
      "properties": {
        "enabled": { "type": "boolean" },
        "minReplicas": { "type": "integer", "minimum": 1 },
        "maxReplicas": { "type": "integer", "minimum": 1 },
        "targetCPUUtilizationPercentage": { "type": "integer", "minimum": 1, "maximum": 100 },
        "targetMemoryUtilizationPercentage": { "type": "integer", "minimum": 1, "maximum": 100 }
      }
    },
    "volumes": { "type": "array" },
    "volumeMounts": { "type": "array" },
    "nodeSelector": { "type": "object" },
    "tolerations": { "type": "array" },
    "affinity": { "type": "object" }
  }
}
`;

const HELMIGNORE = `# Patterns to ignore when building packages.
# This supports shell glob matching, relative path matching, and
# negation (prefixed with !). Only one pattern per line.
.DS_Store
# Common VCS dirs
.git/
.gitignore
.bzr/
.bzrignore
.hg/
.hgignore
.svn/
# Common backup files
*.swp
*.bak
*.tmp
*.orig
*~
# Various IDEs
.project
.idea/
*.tmproj
.vscode/
`;

const HELPERS = `{#
Expand the name of the chart.
#}
{% define "<CHARTNAME>.name" -%}
{{ Values.nameOverride | default(Chart.Name) | trunc(63) | trimSuffix("-") }}
{%- enddefine %}

{#
Create a default fully qualified app name.
We truncate at 63 chars because some Kubernetes name fields are limited to this (by the DNS naming spec).
If release name contains chart name it will be used as a full name.
#}
{% define "<CHARTNAME>.fullname" -%}
{%- if Values.fullnameOverride -%}
{{ Values.fullnameOverride | trunc(63) | trimSuffix("-") }}
{%- else -%}
{%- set name = Values.nameOverride | default(Chart.Name) -%}
{%- if name in Release.Name -%}
{{ Release.Name | trunc(63) | trimSuffix("-") }}
{%- else -%}
{{ (Release.Name ~ "-" ~ name) | trunc(63) | trimSuffix("-") }}
{%- endif -%}
{%- endif -%}
{%- enddefine %}

{#
Create chart name and version as used by the chart label.
#}
{% define "<CHARTNAME>.chart" -%}
{{ (Chart.Name ~ "-" ~ Chart.Version) | replace("+", "_") | trunc(63) | trimSuffix("-") }}
{%- enddefine %}

{#
Common labels
#}
{% define "<CHARTNAME>.labels" -%}
helm.sh/chart: {{ include("<CHARTNAME>.chart") }}
{{ include("<CHARTNAME>.selectorLabels") }}
{%- if Chart.AppVersion %}
app.kubernetes.io/version: {{ Chart.AppVersion | quote }}
{%- endif %}
app.kubernetes.io/managed-by: {{ Release.Service }}
{%- enddefine %}

{#
Selector labels
#}
{% define "<CHARTNAME>.selectorLabels" -%}
app.kubernetes.io/name: {{ include("<CHARTNAME>.name") }}
app.kubernetes.io/instance: {{ Release.Name }}
{%- enddefine %}

{#
Create the name of the service account to use
#}
{% define "<CHARTNAME>.serviceAccountName" -%}
{%- if Values.serviceAccount.create -%}
{{ Values.serviceAccount.name | default(include("<CHARTNAME>.fullname")) }}
{%- else -%}
{{ Values.serviceAccount.name | default("default") }}
{%- endif -%}
{%- enddefine %}
`;

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include("<CHARTNAME>.fullname") }}
  labels:
    {{- include("<CHARTNAME>.labels") | nindent(4) }}
spec:
  {%- if not Values.autoscaling.enabled %}
  replicas: {{ Values.replicaCount }}
  {%- endif %}
  selector:
    matchLabels:
      {{- include("<CHARTNAME>.selectorLabels") | nindent(6) }}
  template:
    metadata:
      {%- if Values.podAnnotations | length %}
      annotations:
        {{- Values.podAnnotations | toYaml | nindent(8) }}
      {%- endif %}
      labels:
        {{- include("<CHARTNAME>.labels") | nindent(8) }}
        {%- if Values.podLabels | length %}
        {{- Values.podLabels | toYaml | nindent(8) }}
        {%- endif %}
    spec:
      {%- if Values.imagePullSecrets | length %}
      imagePullSecrets:
        {{- Values.imagePullSecrets | toYaml | nindent(8) }}
      {%- endif %}
      serviceAccountName: {{ include("<CHARTNAME>.serviceAccountName") }}
      {%- if Values.podSecurityContext | length %}
      securityContext:
        {{- Values.podSecurityContext | toYaml | nindent(8) }}
      {%- endif %}
      containers:
        - name: {{ Chart.Name }}
          {%- if Values.securityContext | length %}
          securityContext:
            {{- Values.securityContext | toYaml | nindent(12) }}
          {%- endif %}
          image: "{{ Values.image.repository }}:{{ Values.image.tag | default(Chart.AppVersion) }}"
          imagePullPolicy: {{ Values.image.pullPolicy }}
          ports:
            - name: http
              containerPort: {{ Values.service.port }}
              protocol: TCP
          {%- if Values.livenessProbe | length %}
          livenessProbe:
            {{- Values.livenessProbe | toYaml | nindent(12) }}
          {%- endif %}
          {%- if Values.readinessProbe | length %}
          readinessProbe:
            {{- Values.readinessProbe | toYaml | nindent(12) }}
          {%- endif %}
          {%- if Values.resources | length %}
          resources:
            {{- Values.resources | toYaml | nindent(12) }}
          {%- endif %}
          {%- if Values.volumeMounts | length %}
          volumeMounts:
            {{- Values.volumeMounts | toYaml | nindent(12) }}
          {%- endif %}
      {%- if Values.volumes | length %}
      volumes:
        {{- Values.volumes | toYaml | nindent(8) }}
      {%- endif %}
      {%- if Values.nodeSelector | length %}
      nodeSelector:
        {{- Values.nodeSelector | toYaml | nindent(8) }}
      {%- endif %}
      {%- if Values.affinity | length %}
      affinity:
        {{- Values.affinity | toYaml | nindent(8) }}
      {%- endif %}
      {%- if Values.tolerations | length %}
      tolerations:
        {{- Values.tolerations | toYaml | nindent(8) }}
      {%- endif %}
`;

const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: {{ include("<CHARTNAME>.fullname") }}
  labels:
    {{- include("<CHARTNAME>.labels") | nindent(4) }}
spec:
  type: {{ Values.service.type }}
  ports:
    - port: {{ Values.service.port }}
      targetPort: http
      protocol: TCP
      name: http
  selector:
    {{- include("<CHARTNAME>.selectorLabels") | nindent(4) }}
`;

const SERVICE_ACCOUNT = `{%- if Values.serviceAccount.create -%}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ include("<CHARTNAME>.serviceAccountName") }}
  labels:
    {{- include("<CHARTNAME>.labels") | nindent(4) }}
  {%- if Values.serviceAccount.annotations | length %}
  annotations:
    {{- Values.serviceAccount.annotations | toYaml | nindent(4) }}
  {%- endif %}
automountServiceAccountToken: {{ Values.serviceAccount.automount }}
{%- endif %}
`;

const INGRESS = `{%- if Values.ingress.enabled -%}
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: {{ include("<CHARTNAME>.fullname") }}
  labels:
    {{- include("<CHARTNAME>.labels") | nindent(4) }}
  {%- if Values.ingress.annotations | length %}
  annotations:
    {{- Values.ingress.annotations | toYaml | nindent(4) }}
  {%- endif %}
spec:
  {%- if Values.ingress.className %}
  ingressClassName: {{ Values.ingress.className }}
  {%- endif %}
  {%- if Values.ingress.tls | length %}
  tls:
    {%- for tls in Values.ingress.tls %}
    - hosts:
        {%- for host in tls.hosts %}
        - {{ host | quote }}
        {%- endfor %}
      secretName: {{ tls.secretName }}
    {%- endfor %}
  {%- endif %}
  rules:
    {%- for host in Values.ingress.hosts %}
    - host: {{ host.host | quote }}
      http:
        paths:
          {%- for path in host.paths %}
          - path: {{ path.path }}
            {%- if path.pathType %}
            pathType: {{ path.pathType }}
            {%- endif %}
            backend:
              service:
                name: {{ include("<CHARTNAME>.fullname") }}
                port:
                  number: {{ Values.service.port }}
          {%- endfor %}
    {%- endfor %}
{%- endif %}
`;

const HPA = `{%- if Values.autoscaling.enabled %}
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ include("<CHARTNAME>.fullname") }}
  labels:
    {{- include("<CHARTNAME>.labels") | nindent(4) }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ include("<CHARTNAME>.fullname") }}
  minReplicas: {{ Values.autoscaling.minReplicas }}
  maxReplicas: {{ Values.autoscaling.maxReplicas }}
  metrics:
    {%- if Values.autoscaling.targetCPUUtilizationPercentage %}
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ Values.autoscaling.targetCPUUtilizationPercentage }}
    {%- endif %}
    {%- if Values.autoscaling.targetMemoryUtilizationPercentage %}
    - type: Resource
      resource:
        name: memory
        target:
          type: Utilization
          averageUtilization: {{ Values.autoscaling.targetMemoryUtilizationPercentage }}
    {%- endif %}
{%- endif %}
`;

const NOTES = `1. Get the application URL by running these commands:
{%- if Values.ingress.enabled %}
{%- for host in Values.ingress.hosts %}
  {%- for path in host.paths %}
  http{% if Values.ingress.tls | length %}s{% endif %}://{{ host.host }}{{ path.path }}
  {%- endfor %}
{%- endfor %}
{%- elif Values.service.type == "NodePort" %}
  export NODE_PORT=$(kubectl get --namespace {{ Release.Namespace }} -o jsonpath="{.spec.ports[0].nodePort}" services {{ include("<CHARTNAME>.fullname") }})
  export NODE_IP=$(kubectl get nodes --namespace {{ Release.Namespace }} -o jsonpath="{.items[0].status.addresses[0].address}")
  echo http://$NODE_IP:$NODE_PORT
{%- elif Values.service.type == "LoadBalancer" %}
     NOTE: It may take a few minutes for the LoadBalancer IP to be available.
           You can watch its status by running 'kubectl get --namespace {{ Release.Namespace }} svc -w {{ include("<CHARTNAME>.fullname") }}'
  export SERVICE_IP=$(kubectl get svc --namespace {{ Release.Namespace }} {{ include("<CHARTNAME>.fullname") }} -o jsonpath="{.status.loadBalancer.ingress[0].ip}")
  echo http://$SERVICE_IP:{{ Values.service.port }}
{%- elif Values.service.type == "ClusterIP" %}
  export POD_NAME=$(kubectl get pods --namespace {{ Release.Namespace }} -l "app.kubernetes.io/name={{ include("<CHARTNAME>.name") }},app.kubernetes.io/instance={{ Release.Name }}" -o jsonpath="{.items[0].metadata.name}")
  export CONTAINER_PORT=$(kubectl get pod --namespace {{ Release.Namespace }} $POD_NAME -o jsonpath="{.spec.containers[0].ports[0].containerPort}")
  echo "Visit http://127.0.0.1:8080 to use your application"
  kubectl --namespace {{ Release.Namespace }} port-forward $POD_NAME 8080:$CONTAINER_PORT
{%- endif %}
`;

const TEST_CONNECTION = `apiVersion: v1
kind: Pod
metadata:
  name: "{{ include("<CHARTNAME>.fullname") }}-test-connection"
  labels:
    {{- include("<CHARTNAME>.labels") | nindent(4) }}
  annotations:
    "helm.sh/hook": test
    {#- skiff's simulated nodes cannot run wget: they let this pod exit 0 after 100ms, about what the request to the
        Service takes on a real cluster (a run-once pod would otherwise run 2s). Real clusters ignore it. #}
    sim.skiff.dev/run-time: 100ms
spec:
  containers:
    - name: wget
      image: busybox
      command: ['wget']
      args: ['{{ include("<CHARTNAME>.fullname") }}:{{ Values.service.port }}']
  restartPolicy: Never
`;

/** The starter chart's files (path relative to the chart root → content with `<CHARTNAME>`). */
export const STARTER_FILES: Readonly<Record<string, string>> = {
  'Chart.yaml': CHART_YAML,
  'values.yaml': VALUES_YAML,
  'values.schema.json': VALUES_SCHEMA,
  '.helmignore': HELMIGNORE,
  'templates/_helpers.tpl': HELPERS,
  'templates/deployment.yaml': DEPLOYMENT,
  'templates/service.yaml': SERVICE,
  'templates/serviceaccount.yaml': SERVICE_ACCOUNT,
  'templates/ingress.yaml': INGRESS,
  'templates/hpa.yaml': HPA,
  'templates/NOTES.txt': NOTES,
  'templates/tests/test-connection.yaml': TEST_CONNECTION,
};
