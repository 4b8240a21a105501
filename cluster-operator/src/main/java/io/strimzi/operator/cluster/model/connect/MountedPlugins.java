package io.strimzi.operator.cluster.model.connect;

import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.strimzi.api.kafka.model.connect.plugins.ImageArtifact;
import io.strimzi.api.kafka.model.connect.plugins.MountedArtifact;
import io.strimzi.api.kafka.model.connect.plugins.MountedPlugin;
import io.strimzi.operator.cluster.model.ConnectImages;
import io.strimzi.operator.cluster.model.InvalidResourceException;
import io.strimzi.operator.cluster.model.connectbuild.PluginDirectory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * `.spec.plugins`: each artifact of `type: image` is a Kubernetes image volume mounted read-only at
 * `/opt/kafka/plugins/<plugin>/<hash>/`, the layout and hash rule of a build's plugin directories
 * ({@link PluginDirectory}), so that mounted and built plugins sit side by side.
 */
final class MountedPlugins {
    static final String FIELD = ".spec.plugins";
    static final String VOLUME_PREFIX = "plugin-";
    private static final Set<String> PULL_POLICIES = Set.of("Always", "Never", "IfNotPresent");

    /** One mounted artifact: its volume and where it is mounted. */
    record Mount(Volume volume, VolumeMount mount) {
    }

    private MountedPlugins() {
    }

    /**
     * @throws InvalidResourceException naming the field: a plugin name that is invalid or repeated, an artifact without
     *                                  a valid image reference, a pull policy Kubernetes does not know, an image listed
     *                                  twice in a plugin
     */
    static List<Mount> of(List<MountedPlugin> plugins) {
        List<Mount> mounts = new ArrayList<>();
        if (plugins == null) {
            return mounts;
        }
        Map<String, Integer> names = new HashMap<>();
        for (int i = 0; i < plugins.size(); i++) {
            String path = FIELD + "[" + i + "]";
            MountedPlugin plugin = plugins.get(i);
            if (plugin == null) {
                throw new InvalidResourceException(path + " must not be empty");
            }
            String name = PluginDirectory.validName(path + ".name", plugin.getName());
            Integer earlier = names.putIfAbsent(name, i);
            if (earlier != null) {
                throw new InvalidResourceException(path + ".name: the name '" + name + "' is already used by " + FIELD + "["
                        + earlier + "].name; plugin names must be unique");
            }
            if (plugin.getArtifacts() == null || plugin.getArtifacts().isEmpty()) {
                throw new InvalidResourceException(path + ".artifacts: each plugin needs at least one artifact");
            }
            Map<String, Integer> hashes = new HashMap<>();
            for (int j = 0; j < plugin.getArtifacts().size(); j++) {
                String artifactPath = path + ".artifacts[" + j + "]";
                ImageArtifact image = image(artifactPath, plugin.getArtifacts().get(j));
                String reference = ConnectImages.parse(artifactPath + ".reference", image.getReference()).toString();
                if (image.getPullPolicy() != null && !PULL_POLICIES.contains(image.getPullPolicy())) {
                    throw new InvalidResourceException(artifactPath + ".pullPolicy must be Always, Never or IfNotPresent, "
                            + "but is '" + image.getPullPolicy() + "'");
                }
                String hash = PluginDirectory.hash(ImageArtifact.TYPE, reference);
                Integer same = hashes.putIfAbsent(hash, j);
                if (same != null) {
                    throw new InvalidResourceException(artifactPath + " is the same image as " + path + ".artifacts[" + same
                            + "]; list each artifact once");
                }
                String volumeName = VOLUME_PREFIX + PluginDirectory.hash(name, hash);
                mounts.add(new Mount(
                        new VolumeBuilder().withName(volumeName)
                                .withNewImage().withReference(reference).withPullPolicy(image.getPullPolicy()).endImage().build(),
                        new VolumeMountBuilder().withName(volumeName).withMountPath(PluginDirectory.of(name, hash))
                                .withReadOnly(true).build()));
            }
        }
        return mounts;
    }

    private static ImageArtifact image(String path, MountedArtifact artifact) {
        if (artifact instanceof ImageArtifact image) {
            return image;
        }
        throw new InvalidResourceException(path + " must be an artifact with a type (image)");
    }
}
