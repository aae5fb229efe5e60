{# Name of the umbrella chart's own resources: RELEASE-platform, or RELEASE when it already contains "platform". #}
{% define "platform.fullname" -%}
{%- if Chart.Name in Release.Name -%}
{{ Release.Name | trunc(63) | trimSuffix("-") }}
{%- else -%}
{{ (Release.Name ~ "-" ~ Chart.Name) | trunc(63) | trimSuffix("-") }}
{%- endif -%}
{%- enddefine %}

{# Labels on the umbrella chart's own resources, global labels included. #}
{% define "platform.labels" -%}
helm.sh/chart: {{ (Chart.Name ~ "-" ~ Chart.Version) | replace("+", "_") }}
app.kubernetes.io/name: {{ Chart.Name }}
app.kubernetes.io/instance: {{ Release.Name }}
app.kubernetes.io/managed-by: {{ Release.Service }}
{%- if Values.global.labels | length %}
{{ Values.global.labels | toYaml }}
{%- endif %}
{%- enddefine %}
