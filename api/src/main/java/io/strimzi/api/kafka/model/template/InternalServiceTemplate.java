package io.strimzi.api.kafka.model.template;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/** Customises a Service inside the cluster. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"metadata", "ipFamilyPolicy", "ipFamilies"})
public class InternalServiceTemplate extends ResourceTemplate {
    @JsonPropertyDescription("The IP family policy of the Service: `SingleStack`, `PreferDualStack` or `RequireDualStack`. When "
            + "unset, Kubernetes chooses from the Service type.")
    private IpFamilyPolicy ipFamilyPolicy;

    @JsonPropertyDescription("The IP families of the Service: `IPv4` and/or `IPv6`. When unset, Kubernetes chooses from "
            + "`ipFamilyPolicy`.")
    private List<IpFamily> ipFamilies;

    public IpFamilyPolicy getIpFamilyPolicy() {
        return ipFamilyPolicy;
    }

    public void setIpFamilyPolicy(IpFamilyPolicy ipFamilyPolicy) {
        this.ipFamilyPolicy = ipFamilyPolicy;
    }

    public List<IpFamily> getIpFamilies() {
        return ipFamilies;
    }

    public void setIpFamilies(List<IpFamily> ipFamilies) {
        this.ipFamilies = ipFamilies;
    }
}
