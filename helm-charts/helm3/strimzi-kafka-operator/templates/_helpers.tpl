{{/*
An image reference from {registry, repository, name, tag, digest}: the digest wins over the tag.
*/}}
{{- define "strimzi.image" -}}
{{- $base := printf "%s/%s/%s" .registry .repository .name -}}
{{- if .digest -}}
{{- printf "%s@%s" $base .digest -}}
{{- else -}}
{{- printf "%s:%s" $base (toString .tag) -}}
{{- end -}}
{{- end -}}

{{/*
STRIMZI_KAFKA_CONNECT_IMAGES: one `version=image` a line.
*/}}
{{- define "strimzi.kafkaConnectImages" -}}
{{- $image := .Values.kafkaConnect.image -}}
{{- $lines := list -}}
{{- range .Values.kafkaConnect.versions -}}
{{- $lines = append $lines (printf "%s=%s/%s/%s:%s-kafka-%s" . $image.registry $image.repository $image.name (toString $image.tagPrefix) .) -}}
{{- end -}}
{{- join "\n" $lines -}}
{{- end -}}

{{/*
The namespaces that get RoleBindings: the release namespace first, then watchNamespaces (without repeats).
*/}}
{{- define "strimzi.roleBindingNamespaces" -}}
{{- $namespaces := list .Release.Namespace -}}
{{- range .Values.watchNamespaces }}
{{- $namespaces = append $namespaces . -}}
{{- end -}}
{{- $namespaces | uniq | toJson -}}
{{- end -}}

{{/*
Labels on every object of the chart.
*/}}
{{- define "strimzi.labels" -}}
app: strimzi
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/instance: {{ .Release.Name }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end -}}
