package io.strimzi.operator.cluster.model.template;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.strimzi.api.kafka.model.template.AdditionalVolume;
import io.strimzi.api.kafka.model.template.ContainerTemplate;
import io.strimzi.api.kafka.model.template.PodTemplate;
import io.strimzi.operator.cluster.model.InvalidResourceException;
import io.strimzi.operator.cluster.values.KubernetesNames;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The `template.pod` and `template.buildPod` fields that apply the same way to every Pod the operator makes (the
 * Connect pods and the build Pod): scheduling and DNS settings, and the additional volumes, checked as the API server
 * would check them, so that a mistake is an InvalidResource condition naming the field rather than a rejected write.
 */
public final class PodTemplates {
    private PodTemplates() {
    }

    /**
     * Sets the template's scheduling, DNS, host and lifecycle fields on the Pod spec. Unset fields keep Kubernetes'
     * defaults (30 s grace period, the default scheduler, `ClusterFirst`, service links on, host user namespace).
     */
    public static void applyTo(PodSpec spec, PodTemplate template) {
        if (template == null) {
            return;
        }
        spec.setTerminationGracePeriodSeconds(template.getTerminationGracePeriodSeconds() == null ? null
                : template.getTerminationGracePeriodSeconds().longValue());
        spec.setTopologySpreadConstraints(template.getTopologySpreadConstraints());
        spec.setSchedulerName(template.getSchedulerName());
        spec.setHostAliases(template.getHostAliases());
        spec.setDnsPolicy(template.getDnsPolicy() == null ? null : template.getDnsPolicy().name());
        spec.setDnsConfig(template.getDnsConfig());
        spec.setEnableServiceLinks(template.getEnableServiceLinks());
        spec.setHostUsers(template.getHostUsers());
    }

    /**
     * The template's additional volumes as Pod volumes.
     *
     * @param path     the template's field path, e.g. `.spec.template.pod`
     * @param reserved the names of the volumes the operator adds to this Pod
     * @throws InvalidResourceException naming the volume when its name is invalid, repeated or reserved, or it has no
     *                                  source
     */
    public static List<Volume> volumes(String path, PodTemplate template, Set<String> reserved) {
        List<Volume> volumes = new ArrayList<>();
        if (template == null || template.getVolumes() == null) {
            return volumes;
        }
        Map<String, Integer> seen = new HashMap<>();
        List<AdditionalVolume> additional = template.getVolumes();
        for (int i = 0; i < additional.size(); i++) {
            String field = path + ".volumes[" + i + "]";
            AdditionalVolume volume = additional.get(i);
            if (volume == null) {
                throw new InvalidResourceException(field + " must not be empty");
            }
            String name = volume.getName();
            if (!KubernetesNames.isDns1123Label(name)) {
                throw new InvalidResourceException(field + ".name " + describe(name) + " is not a valid volume name: at most "
                        + "63 lower-case letters, digits and '-', starting and ending with a letter or digit");
            }
            if (reserved.contains(name)) {
                throw new InvalidResourceException(field + ".name '" + name + "' is the name of a volume the operator adds "
                        + "to this Pod (" + String.join(", ", reserved.stream().sorted().toList()) + "); choose another name");
            }
            Integer earlier = seen.putIfAbsent(name, i);
            if (earlier != null) {
                throw new InvalidResourceException(field + ".name '" + name + "' is already the name of " + path + ".volumes["
                        + earlier + "]; volume names must be unique");
            }
            volumes.add(toVolume(field, volume));
        }
        return volumes;
    }

    /**
     * Adds the pod template's volumes and the container template's mounts of them to the operator's own, each checked
     * against those: a template volume may not take the name of one of the operator's, nor a mount its path.
     *
     * @param volumes the Pod's volumes so far (the operator's), to which the template's are added
     * @param mounts  the container's mounts so far (the operator's), to which the template's are added
     */
    public static void addTemplateVolumes(String podField, PodTemplate pod, String containerField,
                                          ContainerTemplate container,
                                          List<Volume> volumes, List<VolumeMount> mounts) {
        Set<String> reservedVolumes = new LinkedHashSet<>();
        volumes.forEach(volume -> reservedVolumes.add(volume.getName()));
        Set<String> operatorMounts = new LinkedHashSet<>();
        mounts.forEach(mount -> operatorMounts.add(mount.getMountPath()));
        volumes.addAll(volumes(podField, pod, reservedVolumes));
        mounts.addAll(ContainerTemplates.volumeMounts(containerField, container, podField, volumeNames(pod), operatorMounts));
    }

    /** The names of the template's additional volumes (valid or not), for the mounts to refer to. */
    public static Set<String> volumeNames(PodTemplate template) {
        Set<String> names = new LinkedHashSet<>();
        if (template != null && template.getVolumes() != null) {
            template.getVolumes().forEach(v -> {
                if (v != null && v.getName() != null) {
                    names.add(v.getName());
                }
            });
        }
        return names;
    }

    private static Volume toVolume(String field, AdditionalVolume volume) {
        VolumeBuilder builder = new VolumeBuilder().withName(volume.getName());
        int sources = 0;
        if (volume.getSecret() != null) {
            builder.withSecret(volume.getSecret());
            sources++;
        }
        if (volume.getConfigMap() != null) {
            builder.withConfigMap(volume.getConfigMap());
            sources++;
        }
        if (volume.getEmptyDir() != null) {
            builder.withEmptyDir(volume.getEmptyDir());
            sources++;
        }
        if (volume.getPersistentVolumeClaim() != null) {
            builder.withPersistentVolumeClaim(volume.getPersistentVolumeClaim());
            sources++;
        }
        if (volume.getCsi() != null) {
            builder.withCsi(volume.getCsi());
            sources++;
        }
        if (volume.getImage() != null) {
            builder.withImage(volume.getImage());
            sources++;
        }
        if (sources != 1) {
            throw new InvalidResourceException(field + " must have exactly one source (secret, configMap, emptyDir, "
                    + "persistentVolumeClaim, csi or image), but has " + sources);
        }
        return builder.build();
    }

    static String describe(String value) {
        return value == null ? "(not set)" : "'" + value + "'";
    }
}
