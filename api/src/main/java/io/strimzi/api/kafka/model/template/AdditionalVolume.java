package io.strimzi.api.kafka.model.template;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.CSIVolumeSource;
import io.fabric8.kubernetes.api.model.EmptyDirVolumeSource;
import io.fabric8.kubernetes.api.model.ImageVolumeSource;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimVolumeSource;

/** A volume added to a pod, with at most one source, as in a Kubernetes volume. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"name", "secret", "configMap", "emptyDir", "persistentVolumeClaim", "csi", "image"})
@ValidationRule(value = "[has(self.secret), has(self.configMap), has(self.emptyDir), has(self.persistentVolumeClaim), "
        + "has(self.csi), has(self.image)].filter(x, x).size() <= 1",
        message = "at most one volume source (secret, configMap, emptyDir, persistentVolumeClaim, csi or image)")
public class AdditionalVolume extends SecretOrConfigMapVolume {
    @JsonPropertyDescription("An empty directory as the volume.")
    private EmptyDirVolumeSource emptyDir;

    @JsonPropertyDescription("A PersistentVolumeClaim as the volume.")
    private PersistentVolumeClaimVolumeSource persistentVolumeClaim;

    @JsonPropertyDescription("A CSI volume.")
    private CSIVolumeSource csi;

    @JsonPropertyDescription("A container image or OCI artifact as a read-only volume (Kubernetes image volumes).")
    private ImageVolumeSource image;

    public EmptyDirVolumeSource getEmptyDir() {
        return emptyDir;
    }

    public void setEmptyDir(EmptyDirVolumeSource emptyDir) {
        this.emptyDir = emptyDir;
    }

    public PersistentVolumeClaimVolumeSource getPersistentVolumeClaim() {
        return persistentVolumeClaim;
    }

    public void setPersistentVolumeClaim(PersistentVolumeClaimVolumeSource persistentVolumeClaim) {
        this.persistentVolumeClaim = persistentVolumeClaim;
    }

    public CSIVolumeSource getCsi() {
        return csi;
    }

    public void setCsi(CSIVolumeSource csi) {
        this.csi = csi;
    }

    public ImageVolumeSource getImage() {
        return image;
    }

    public void setImage(ImageVolumeSource image) {
        this.image = image;
    }
}
