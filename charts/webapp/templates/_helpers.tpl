{# Name of the chart, or nameOverride. Kubernetes names are limited to 63 characters. #}
{% define "webapp.name" -%}
{{ Values.nameOverride | default(Chart.Name) | trunc(63) | trimSuffix("-") }}
{%- enddefine %}

{#
Fully qualified app name: fullnameOverride, else RELEASE-CHART, else just
RELEASE when the release name already contains the chart name.
#}
{% define "webapp.fullname" -%}
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

{# Chart name and version, for the helm.sh/chart label. #}
{% define "webapp.chart" -%}
{{ (Chart.Name ~ "-" ~ Chart.Version) | replace("+", "_") | trunc(63) | trimSuffix("-") }}
{%- enddefine %}

{# Labels on every resource. #}
{% define "webapp.labels" -%}
helm.sh/chart: {{ include("webapp.chart") }}
{{ include("webapp.selectorLabels") }}
{%- if Chart.AppVersion %}
app.kubernetes.io/version: {{ Chart.AppVersion | quote }}
{%- endif %}
app.kubernetes.io/managed-by: {{ Release.Service }}
{%- enddefine %}

{# Labels that select the pods (never change them after the first install). #}
{% define "webapp.selectorLabels" -%}
app.kubernetes.io/name: {{ include("webapp.name") }}
app.kubernetes.io/instance: {{ Release.Name }}
{%- enddefine %}

{# The ServiceAccount the pods run as. #}
{% define "webapp.serviceAccountName" -%}
{%- if Values.serviceAccount.create -%}
{{ Values.serviceAccount.name | default(include("webapp.fullname")) }}
{%- else -%}
{{ Values.serviceAccount.name | default("default") }}
{%- endif -%}
{%- enddefine %}

{# The Secret passed to the container: the chart's own or an existing one ("" for none). #}
{% define "webapp.secretName" -%}
{%- if Values.secret.create -%}
{{ include("webapp.fullname") }}
{%- else -%}
{{ Values.secret.existingSecret }}
{%- endif -%}
{%- enddefine %}
