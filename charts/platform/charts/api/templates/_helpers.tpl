{# RELEASE-NAME where NAME is the chart name or its alias in the parent. #}
{% define "api.fullname" -%}
{%- if Chart.Name in Release.Name -%}
{{ Release.Name | trunc(63) | trimSuffix("-") }}
{%- else -%}
{{ (Release.Name ~ "-" ~ Chart.Name) | trunc(63) | trimSuffix("-") }}
{%- endif -%}
{%- enddefine %}

{% define "api.selectorLabels" -%}
app.kubernetes.io/name: {{ Chart.Name }}
app.kubernetes.io/instance: {{ Release.Name }}
{%- enddefine %}

{% define "api.labels" -%}
helm.sh/chart: {{ (Chart.Name ~ "-" ~ Chart.Version) | replace("+", "_") }}
{{ include("api.selectorLabels") }}
app.kubernetes.io/version: {{ Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ Release.Service }}
{%- if Values.global.labels | length %}
{{ Values.global.labels | toYaml }}
{%- endif %}
{%- enddefine %}

{# The image, with the global registry when one is set. #}
{% define "api.image" -%}
{%- if Values.global.imageRegistry -%}{{ Values.global.imageRegistry }}/{%- endif -%}
{{ Values.image.repository }}:{{ Values.image.tag | default(Chart.AppVersion) }}
{%- enddefine %}
