package io.strimzi.api.kafka.model.template;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.HostAlias;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodDNSConfig;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;

import java.util.List;
import java.util.Map;

/** Customises a Pod (a Connect Pod or the build Pod). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"metadata", "imagePullSecrets", "securityContext", "terminationGracePeriodSeconds", "affinity",
    "tolerations", "topologySpreadConstraints", "nodeSelector", "priorityClassName", "schedulerName", "hostAliases",
    "dnsPolicy", "dnsConfig", "enableServiceLinks", "tmpDirSizeLimit", "volumes", "hostUsers"})
public class PodTemplate {
    @JsonPropertyDescription("Metadata applied to the Pod.")
    private MetadataTemplate metadata;

    @JsonPropertyDescription("Secrets used to pull the Pod's images. They replace those from STRIMZI_IMAGE_PULL_SECRETS.")
    private List<LocalObjectReference> imagePullSecrets;

    @JsonPropertyDescription("The Pod's security context.")
    private PodSecurityContext securityContext;

    @JsonPropertyDescription("Seconds between the termination signal and the kill signal when the Pod stops. 0 kills at once. "
            + "Defaults to 30.")
    @Min(0)
    private Integer terminationGracePeriodSeconds;

    @JsonPropertyDescription("The Pod's affinity rules.")
    private Affinity affinity;

    @JsonPropertyDescription("The Pod's tolerations.")
    private List<Toleration> tolerations;

    @JsonPropertyDescription("The Pod's topology spread constraints.")
    private List<TopologySpreadConstraint> topologySpreadConstraints;

    @JsonPropertyDescription("The Pod's node selector. Not a Strimzi field: this project adds it.")
    private Map<String, String> nodeSelector;

    @JsonPropertyDescription("The name of the Pod's priority class.")
    private String priorityClassName;

    @JsonPropertyDescription("The name of the scheduler that places the Pod. Defaults to the cluster's default scheduler.")
    private String schedulerName;

    @JsonPropertyDescription("Extra host names and addresses for the Pod's hosts file.")
    private List<HostAlias> hostAliases;

    @JsonPropertyDescription("The Pod's DNS policy: `ClusterFirst`, `ClusterFirstWithHostNet`, `Default` or `None`. Defaults to "
            + "`ClusterFirst`.")
    private DnsPolicy dnsPolicy;

    @JsonPropertyDescription("The Pod's DNS settings (name servers, searches, options), added to those of `dnsPolicy`.")
    private PodDNSConfig dnsConfig;

    @JsonPropertyDescription("Whether information about Services is put into the Pod's environment variables. Defaults to `true` "
            + "(Kubernetes' default).")
    private Boolean enableServiceLinks;

    @JsonPropertyDescription("Size limit of the Pod's scratch emptyDir volume, as a Kubernetes quantity. For the build Pod this "
            + "volume holds Buildah's image storage (default 10Gi); for Connect Pods, /tmp (default 5Mi).")
    @Pattern("^([0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$")
    private String tmpDirSizeLimit;

    @JsonPropertyDescription("Additional volumes of the Pod, mounted with `volumeMounts` of a container template.")
    private List<AdditionalVolume> volumes;

    @JsonPropertyDescription("Whether the Pod runs in the host's user namespace. `false` gives the Pod its own user namespace "
            + "(Kubernetes user namespaces). Defaults to `true`.")
    private Boolean hostUsers;

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

    public Integer getTerminationGracePeriodSeconds() {
        return terminationGracePeriodSeconds;
    }

    public void setTerminationGracePeriodSeconds(Integer terminationGracePeriodSeconds) {
        this.terminationGracePeriodSeconds = terminationGracePeriodSeconds;
    }

    public Affinity getAffinity() {
        return affinity;
    }

    public void setAffinity(Affinity affinity) {
        this.affinity = affinity;
    }

    public List<Toleration> getTolerations() {
        return tolerations;
    }

    public void setTolerations(List<Toleration> tolerations) {
        this.tolerations = tolerations;
    }

    public List<TopologySpreadConstraint> getTopologySpreadConstraints() {
        return topologySpreadConstraints;
    }

    public void setTopologySpreadConstraints(List<TopologySpreadConstraint> topologySpreadConstraints) {
        this.topologySpreadConstraints = topologySpreadConstraints;
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

    public String getSchedulerName() {
        return schedulerName;
    }

    public void setSchedulerName(String schedulerName) {
        this.schedulerName = schedulerName;
    }

    public List<HostAlias> getHostAliases() {
        return hostAliases;
    }

    public void setHostAliases(List<HostAlias> hostAliases) {
        this.hostAliases = hostAliases;
    }

    public DnsPolicy getDnsPolicy() {
        return dnsPolicy;
    }

    public void setDnsPolicy(DnsPolicy dnsPolicy) {
        this.dnsPolicy = dnsPolicy;
    }

    public PodDNSConfig getDnsConfig() {
        return dnsConfig;
    }

    public void setDnsConfig(PodDNSConfig dnsConfig) {
        this.dnsConfig = dnsConfig;
    }

    public Boolean getEnableServiceLinks() {
        return enableServiceLinks;
    }

    public void setEnableServiceLinks(Boolean enableServiceLinks) {
        this.enableServiceLinks = enableServiceLinks;
    }

    public String getTmpDirSizeLimit() {
        return tmpDirSizeLimit;
    }

    public void setTmpDirSizeLimit(String tmpDirSizeLimit) {
        this.tmpDirSizeLimit = tmpDirSizeLimit;
    }

    public List<AdditionalVolume> getVolumes() {
        return volumes;
    }

    public void setVolumes(List<AdditionalVolume> volumes) {
        this.volumes = volumes;
    }

    public Boolean getHostUsers() {
        return hostUsers;
    }

    public void setHostUsers(Boolean hostUsers) {
        this.hostUsers = hostUsers;
    }
}
