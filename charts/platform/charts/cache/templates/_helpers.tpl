{% define "cache.fullname" -%}
{%- if Chart.Name in Release.Name -%}
{{ Release.Name | trunc(63) | trimSuffix("-") }}
{%- else -%}
{{ (Release.Name ~ "-" ~ Chart.Name) | trunc(63) | trimSuffix("-") }}
{%- endif -%}
{%- enddefine %}

{% define "cache.selectorLabels" -%}
app.kubernetes.io/name: {{ Chart.Name }}
app.kubernetes.io/instance: {{ Release.Name }}
{%- enddefine %}

{% define "cache.labels" -%}
helm.sh/chart: {{ (Chart.Name ~ "-" ~ Chart.Version) | replace("+", "_") }}
{{ include("cache.selectorLabels") }}
app.kubernetes.io/version: {{ Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ Release.Service }}
{%- if Values.global.labels | length %}
{{ Values.global.labels | toYaml }}
{%- endif %}
{%- enddefine %}
