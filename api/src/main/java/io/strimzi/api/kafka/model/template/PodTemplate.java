package io.strimzi.api.kafka.model.template;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Toleration;

import java.util.List;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"metadata", "imagePullSecrets", "securityContext", "tolerations", "affinity", "nodeSelector",
    "priorityClassName", "tmpDirSizeLimit"})
public class PodTemplate {
    @JsonPropertyDescription("Metadata applied to the Pod.")
    private MetadataTemplate metadata;

    @JsonPropertyDescription("Secrets used to pull the Pod's images. They replace those from STRIMZI_IMAGE_PULL_SECRETS.")
    private List<LocalObjectReference> imagePullSecrets;

    @JsonPropertyDescription("The Pod's security context.")
    private PodSecurityContext securityContext;

    @JsonPropertyDescription("The Pod's tolerations.")
    private List<Toleration> tolerations;

    @JsonPropertyDescription("The Pod's affinity rules.")
    private Affinity affinity;

    @JsonPropertyDescription("The Pod's node selector.")
    private Map<String, String> nodeSelector;

    @JsonPropertyDescription("The name of the Pod's priority class.")
    private String priorityClassName;

    @JsonPropertyDescription("Size limit of the Pod's scratch emptyDir volume, as a Kubernetes quantity. "
            + "For the build Pod this volume holds Buildah's image storage (default 10Gi); for Connect Pods, /tmp (default 5Mi).")
    @Pattern("^([0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$")
    private String tmpDirSizeLimit;

    public MetadataTemplate getMetadata() {
        return metadata;
    }

    public void setMetadata(MetadataTemplate metadata) {
        this.metadata = metadata;
    }

    public List<LocalObjectReference> getImagePullSecrets() {
        return imagePullSecrets;
    }

    public void setImagePullSecrets(List<LocalObjectReference> imagePullSecrets) {
        this.imagePullSecrets = imagePullSecrets;
    }

    public PodSecurityContext getSecurityContext() {
        return securityContext;
    }

    public void setSecurityContext(PodSecurityContext securityContext) {
        this.securityContext = securityContext;
    }

    public List<Toleration> getTolerations() {
        return tolerations;
    }

    public void setTolerations(List<Toleration> tolerations) {
        this.tolerations = tolerations;
    }

    public Affinity getAffinity() {
        return affinity;
    }

    public void setAffinity(Affinity affinity) {
        this.affinity = affinity;
    }

    public Map<String, String> getNodeSelector() {
        return nodeSelector;
    }

    public void setNodeSelector(Map<String, String> nodeSelector) {
        this.nodeSelector = nodeSelector;
    }

    public String getPriorityClassName() {
        return priorityClassName;
    }

    public void setPriorityClassName(String priorityClassName) {
        this.priorityClassName = priorityClassName;
    }

    public String getTmpDirSizeLimit() {
        return tmpDirSizeLimit;
    }

    public void setTmpDirSizeLimit(String tmpDirSizeLimit) {
        this.tmpDirSizeLimit = tmpDirSizeLimit;
    }
}
