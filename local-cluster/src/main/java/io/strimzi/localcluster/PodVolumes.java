package io.strimzi.localcluster;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Pod's volumes, made on the host as a kubelet makes them, for bind mounts at their mount paths: ConfigMap and
 * Secret volumes (all keys, or the listed {@code items}, with {@code defaultMode}/{@code mode}; always read-only, as
 * on a node) and emptyDir volumes (a world-writable directory; {@code sizeLimit} is not enforced), with
 * {@code subPath} and {@code readOnly}. Other volume types are refused.
 */
final class PodVolumes {
    /** A ConfigMap or Secret that does not exist (yet): the Pod stays in ContainerCreating and is retried. */
    static final class MissingSourceException extends Exception {
        private static final long serialVersionUID = 1L;

        MissingSourceException(String message) {
            super(message);
        }
    }

    private record FileToWrite(byte[] content, int mode) {
    }

    private PodVolumes() {
    }

    /**
     * Writes the volumes that container mounts under volumesDir and returns their bind mounts.
     *
     * @throws UnsupportedOperationException for a volume or path this kubelet cannot provide
     */
    static List<OciConfig.Mount> mount(KubernetesClient client, Pod pod, Container container, Path volumesDir)
            throws IOException, MissingSourceException {
        String namespace = pod.getMetadata().getNamespace();
        Map<String, Volume> volumes = new LinkedHashMap<>();
        if (pod.getSpec().getVolumes() != null) {
            pod.getSpec().getVolumes().forEach(volume -> volumes.put(volume.getName(), volume));
        }
        List<OciConfig.Mount> mounts = new ArrayList<>();
        List<VolumeMount> volumeMounts = container.getVolumeMounts() == null ? List.of() : container.getVolumeMounts();
        for (VolumeMount mount : volumeMounts) {
            String mountPath = mount.getMountPath();
            if (mountPath == null || !mountPath.startsWith("/") || mountPath.equals("/") || mountPath.contains("/../")) {
                throw new UnsupportedOperationException("unsupported mount path " + mountPath);
            }
            Volume volume = volumes.get(mount.getName());
            if (volume == null) {
                throw new UnsupportedOperationException("volume mount " + mount.getName() + " names no volume of the Pod");
            }
            Path volumeDir = volumesDir.resolve(volume.getName());
            String subPath = mount.getSubPath() == null || mount.getSubPath().isEmpty() ? null : mount.getSubPath();
            if (subPath != null && (subPath.startsWith("/") || subPath.contains(".."))) {
                throw new UnsupportedOperationException("unsupported subPath " + subPath);
            }
            boolean readOnly = Boolean.TRUE.equals(mount.getReadOnly());
            if (volume.getEmptyDir() != null) {
                Path dir = worldWritable(Files.createDirectories(volumeDir));
                Path source = subPath == null ? dir : worldWritable(Files.createDirectories(dir.resolve(subPath)));
                mounts.add(new OciConfig.Mount(mountPath, source, readOnly));
                continue;
            }
            if (!Files.isDirectory(volumeDir)) {
                writeFiles(volumeDir, files(client, namespace, volume));
            }
            Path source = subPath == null ? volumeDir : volumeDir.resolve(subPath);
            if (!Files.exists(source)) {
                throw new UnsupportedOperationException("subPath " + subPath + " is not a file of volume " + volume.getName());
            }
            mounts.add(new OciConfig.Mount(mountPath, source, true));
        }
        return mounts;
    }

    private static Map<String, FileToWrite> files(KubernetesClient client, String namespace, Volume volume)
            throws MissingSourceException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        Integer defaultMode;
        List<KeyToPath> items;
        if (volume.getConfigMap() != null) {
            ConfigMap configMap = client.configMaps().inNamespace(namespace).withName(volume.getConfigMap().getName()).get();
            if (configMap == null && !Boolean.TRUE.equals(volume.getConfigMap().getOptional())) {
                throw new MissingSourceException("MountVolume.SetUp failed for volume \"" + volume.getName()
                        + "\" : configmap \"" + volume.getConfigMap().getName() + "\" not found");
            }
            if (configMap != null && configMap.getData() != null) {
                configMap.getData().forEach((key, value) -> files.put(key, value.getBytes(StandardCharsets.UTF_8)));
            }
            if (configMap != null && configMap.getBinaryData() != null) {
                configMap.getBinaryData().forEach((key, value) -> files.put(key, Base64.getDecoder().decode(value)));
            }
            defaultMode = volume.getConfigMap().getDefaultMode();
            items = volume.getConfigMap().getItems();
        } else if (volume.getSecret() != null) {
            Secret secret = client.secrets().inNamespace(namespace).withName(volume.getSecret().getSecretName()).get();
            if (secret == null && !Boolean.TRUE.equals(volume.getSecret().getOptional())) {
                throw new MissingSourceException("MountVolume.SetUp failed for volume \"" + volume.getName()
                        + "\" : secret \"" + volume.getSecret().getSecretName() + "\" not found");
            }
            if (secret != null && secret.getData() != null) {
                secret.getData().forEach((key, value) -> files.put(key, Base64.getDecoder().decode(value)));
            }
            if (secret != null && secret.getStringData() != null) {
                secret.getStringData().forEach((key, value) -> files.put(key, value.getBytes(StandardCharsets.UTF_8)));
            }
            defaultMode = volume.getSecret().getDefaultMode();
            items = volume.getSecret().getItems();
        } else {
            throw new UnsupportedOperationException("the fake kubelet supports configMap, secret and emptyDir volumes, not volume "
                    + volume.getName());
        }
        return project(files, items, defaultMode == null ? 0644 : defaultMode, volume.getName());
    }

    private static Map<String, FileToWrite> project(Map<String, byte[]> files, List<KeyToPath> items, int defaultMode, String volumeName) {
        Map<String, FileToWrite> projected = new LinkedHashMap<>();
        if (items == null || items.isEmpty()) {
            files.forEach((key, content) -> projected.put(key, new FileToWrite(content, defaultMode)));
            return projected;
        }
        for (KeyToPath item : items) {
            byte[] content = files.get(item.getKey());
            if (content == null) {
                throw new UnsupportedOperationException("volume " + volumeName + " has no key " + item.getKey());
            }
            if (item.getPath().startsWith("/") || item.getPath().contains("..")) {
                throw new UnsupportedOperationException("unsupported item path " + item.getPath() + " in volume " + volumeName);
            }
            projected.put(item.getPath(), new FileToWrite(content, item.getMode() == null ? defaultMode : item.getMode()));
        }
        return projected;
    }

    private static void writeFiles(Path dir, Map<String, FileToWrite> files) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, FileToWrite> file : files.entrySet()) {
            Path target = dir.resolve(file.getKey()).normalize();
            Files.createDirectories(target.getParent());
            Files.write(target, file.getValue().content());
            Files.setPosixFilePermissions(target, permissions(file.getValue().mode()));
        }
    }

    /** An emptyDir is mode 0777 on a node, whatever the kubelet's umask. */
    static Path worldWritable(Path dir) throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        return dir;
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ,
        };
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                permissions.add(order[bit]);
            }
        }
        return permissions;
    }
}
