package io.strimzi.operator.cluster.model;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

import java.util.Map;

/** `resources` of a container, checked as the API server checks them: no request above its limit. */
public final class ResourceLimits {
    private ResourceLimits() {
    }

    /**
     * @param path the field, e.g. `.spec.resources`
     * @throws InvalidResourceException naming the request that is above its limit, or a quantity that is not one
     */
    public static void check(String path, ResourceRequirements resources) {
        if (resources == null || resources.getRequests() == null || resources.getLimits() == null) {
            return;
        }
        for (Map.Entry<String, Quantity> request : resources.getRequests().entrySet()) {
            Quantity limit = resources.getLimits().get(request.getKey());
            if (limit == null || request.getValue() == null) {
                continue;
            }
            String requestPath = path + ".requests." + request.getKey();
            String limitPath = path + ".limits." + request.getKey();
            if (amount(requestPath, request.getValue()).compareTo(amount(limitPath, limit)) > 0) {
                throw new InvalidResourceException(requestPath + " (" + request.getValue() + ") is above " + limitPath
                        + " (" + limit + "); a request must not exceed its limit");
            }
        }
    }

    private static java.math.BigDecimal amount(String path, Quantity quantity) {
        try {
            return quantity.getNumericalAmount();
        } catch (IllegalArgumentException e) {
            throw new InvalidResourceException(path + " '" + quantity + "' is not a Kubernetes quantity");
        }
    }
}
