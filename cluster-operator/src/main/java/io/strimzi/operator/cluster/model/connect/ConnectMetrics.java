package io.strimzi.operator.cluster.model.connect;

import io.fabric8.kubernetes.api.model.ConfigMapKeySelector;
import io.strimzi.api.kafka.model.common.metrics.JmxPrometheusExporterMetrics;
import io.strimzi.api.kafka.model.common.metrics.MetricsConfig;
import io.strimzi.api.kafka.model.connect.KafkaConnectSpec;
import io.strimzi.operator.cluster.model.InvalidResourceException;
import io.strimzi.operator.cluster.values.KubernetesNames;

import java.util.List;

/**
 * `.spec.metricsConfig` of type `jmxPrometheusExporter`: the exporter's configuration is copied from its ConfigMap key
 * into the Connect ConfigMap as `metrics-config.json`, where Strimzi's image reads it when
 * `KAFKA_CONNECT_JMX_EXPORTER_ENABLED` is true, and the metrics port 9404 (`tcp-prometheus`) is opened on the
 * container and the REST API Service. The exporter re-reads its configuration file, so a change of it rolls nothing.
 */
final class ConnectMetrics {
    static final String CONFIG_KEY = "metrics-config.json";
    static final String ENABLED_ENV = "KAFKA_CONNECT_JMX_EXPORTER_ENABLED";
    static final String PORT_NAME = "tcp-prometheus";
    static final int PORT = 9404;
    private static final String FIELD = ".spec.metricsConfig";

    private ConnectMetrics() {
    }

    static boolean enabled(KafkaConnectSpec spec) {
        return spec.getMetricsConfig() != null;
    }

    static List<ReferencedResources.Ref> references(KafkaConnectSpec spec) {
        ConfigMapKeySelector ref = reference(spec.getMetricsConfig());
        if (ref == null) {
            return List.of();
        }
        return List.of(new ReferencedResources.Ref(ReferencedResources.Kind.CONFIG_MAP, ref.getName(),
                FIELD + ".valueFrom.configMapKeyRef", Boolean.TRUE.equals(ref.getOptional()), false));
    }

    /**
     * The exporter's configuration, or null without metrics.
     *
     * @throws InvalidResourceException naming the field: another type, a reference without name or key, a ConfigMap
     *                                  (read) without the key
     */
    static String configuration(KafkaConnectSpec spec, ReferencedResources referenced) {
        MetricsConfig metrics = spec.getMetricsConfig();
        if (metrics == null) {
            return null;
        }
        if (!(metrics instanceof JmxPrometheusExporterMetrics)) {
            throw new InvalidResourceException(FIELD + ".type " + metrics.getType() + " is not supported by this operator "
                    + "yet (Strimzi's metrics reporter is a plugin of Strimzi's image); use type jmxPrometheusExporter");
        }
        ConfigMapKeySelector ref = reference(metrics);
        if (ref == null || !KubernetesNames.isDns1123Subdomain(ref.getName()) || ref.getKey() == null || ref.getKey().isBlank()) {
            throw new InvalidResourceException(FIELD + ".valueFrom.configMapKeyRef needs the name and key of a ConfigMap");
        }
        if (!referenced.isRead()) {
            return "# The JMX Exporter configuration in key " + ref.getKey() + " of ConfigMap " + ref.getName()
                    + ", copied here by the operator (render does not read the cluster)\n";
        }
        String content = referenced.data(ReferencedResources.Kind.CONFIG_MAP, ref.getName()).map(d -> d.get(ref.getKey())).orElse(null);
        if (content == null) {
            if (Boolean.TRUE.equals(ref.getOptional())) {
                return "{}";
            }
            throw new InvalidResourceException(FIELD + ".valueFrom.configMapKeyRef: ConfigMap " + ref.getName() + " has no key "
                    + ref.getKey());
        }
        return content;
    }

    private static ConfigMapKeySelector reference(MetricsConfig metrics) {
        if (metrics instanceof JmxPrometheusExporterMetrics jmx && jmx.getValueFrom() != null) {
            return jmx.getValueFrom().getConfigMapKeyRef();
        }
        return null;
    }
}
