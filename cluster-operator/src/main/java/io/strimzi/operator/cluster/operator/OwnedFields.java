package io.strimzi.operator.cluster.operator;

import io.fabric8.kubernetes.api.model.Quantity;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The fields the operator sets on an object it owns, compared with what is stored and merged into it. Pure: works on
 * the JSON trees (maps, lists, strings, numbers, booleans) of the desired and the stored object.
 *
 * <p>What counts as drift: every field the desired object sets must be stored with the same value. What the API server
 * adds (defaults, a cluster IP, `status`) and the labels and annotations others add (`kubectl rollout restart`'s
 * `kubectl.kubernetes.io/restartedAt` on a Pod template) are not drift. A list must have the same length, element by
 * element (an extra container or env var is drift); a map of values the user or operator names (ConfigMap `data`,
 * selectors, resource limits and requests) must have exactly the desired keys, while any other map may hold more keys
 * than desired (the defaults the API server adds). Quantities are compared by amount, so `1000m` equals `1`.
 * Labels and annotations under the operator's prefix `strimzi.io/` are the operator's alone: one it no longer sets is
 * drift and is removed (a Deployment's build revision after `.spec.build` was removed).
 */
final class OwnedFields {
    /** Maps whose keys are all set by whoever writes them: an extra key is drift, not a default. */
    private static final Set<String> EXACT_MAPS = Set.of("data", "binaryData", "stringData", "matchLabels", "nodeSelector",
            "limits", "requests");
    /** Metadata fields the operator sets; the rest of `metadata` is the API server's. */
    private static final Set<String> OWNED_METADATA = Set.of("labels", "annotations", "ownerReferences");
    /** Quantities: compared by amount. */
    private static final Set<String> QUANTITY_MAPS = Set.of("limits", "requests");
    private static final String SIZE_LIMIT = "sizeLimit";
    /** Labels and annotations with this prefix are set by the operator only. */
    static final String OPERATOR_PREFIX = "strimzi.io/";

    private OwnedFields() {
    }

    /** The first field where stored differs from desired, as a path like `/spec/replicas`, or null when none does. */
    static String firstDifference(Map<String, Object> desired, Map<String, Object> stored) {
        for (Map.Entry<String, Object> entry : desired.entrySet()) {
            String key = entry.getKey();
            if ("status".equals(key)) {
                continue;
            }
            if ("metadata".equals(key) && entry.getValue() instanceof Map<?, ?> metadata) {
                String difference = metadataDifference("/metadata", cast(metadata), stored.get(key));
                if (difference != null) {
                    return difference;
                }
                continue;
            }
            String difference = difference("/" + key, key, entry.getValue(), stored.get(key));
            if (difference != null) {
                return difference;
            }
        }
        return null;
    }

    /**
     * What to write over the stored object: the desired object, keeping the resourceVersion (for the optimistic lock),
     * the finalizers and status, the labels and annotations others added (on the object and on every nested template's
     * metadata), and the fields at the preserved paths that the API server owns (a Service's cluster IP).
     *
     * @param preservedPaths paths like `/spec/clusterIP`, copied from stored when stored has them
     */
    static Map<String, Object> merge(Map<String, Object> desired, Map<String, Object> stored, List<String> preservedPaths) {
        Map<String, Object> merged = deepCopy(desired);
        Map<String, Object> storedMetadata = mapAt(stored, "metadata");
        Map<String, Object> metadata = mapAt(merged, "metadata");
        if (storedMetadata != null && metadata != null) {
            copyIfPresent(storedMetadata, metadata, "resourceVersion");
            if (!metadata.containsKey("finalizers")) {
                copyIfPresent(storedMetadata, metadata, "finalizers");
            }
        }
        keepOthersMetadata(merged, stored);
        copyIfPresent(stored, merged, "status");
        for (String path : preservedPaths) {
            preserve(merged, stored, path.substring(1).split("/"));
        }
        return merged;
    }

    private static String metadataDifference(String path, Map<String, Object> desired, Object stored) {
        Map<String, Object> storedMap = stored instanceof Map<?, ?> m ? cast(m) : Map.of();
        for (String key : OWNED_METADATA) {
            if (!desired.containsKey(key) && "ownerReferences".equals(key)) {
                continue;
            }
            Object desiredValue = desired.get(key);
            Object storedValue = storedMap.get(key);
            String difference = "ownerReferences".equals(key)
                    ? difference(path + "/" + key, key, desiredValue, storedValue)
                    : subsetDifference(path + "/" + key, desiredValue, storedValue);
            if (difference != null) {
                return difference;
            }
        }
        return null;
    }

    /** Labels and annotations: every desired key with its value; others may add keys, but not with the operator's prefix. */
    private static String subsetDifference(String path, Object desired, Object stored) {
        Map<String, Object> desiredMap = desired instanceof Map<?, ?> m ? cast(m) : Map.of();
        Map<String, Object> storedMap = stored instanceof Map<?, ?> m ? cast(m) : Map.of();
        for (Map.Entry<String, Object> entry : desiredMap.entrySet()) {
            if (!Objects.equals(entry.getValue(), storedMap.get(entry.getKey()))) {
                return path + "/" + entry.getKey();
            }
        }
        for (String key : storedMap.keySet()) {
            if (key.startsWith(OPERATOR_PREFIX) && !desiredMap.containsKey(key)) {
                return path + "/" + key;
            }
        }
        return null;
    }

    private static String difference(String path, String key, Object desired, Object stored) {
        if (desired == null) {
            return null;
        }
        if ("metadata".equals(key) && desired instanceof Map<?, ?> nested) {
            // The metadata of a template (a Deployment's Pod template): the same rule as the object's own.
            return metadataDifference(path, cast(nested), stored);
        }
        if (desired instanceof Map<?, ?> desiredMap) {
            Map<String, Object> storedMap = stored instanceof Map<?, ?> m ? cast(m) : (stored == null ? Map.of() : null);
            if (storedMap == null) {
                return path;
            }
            if (isExactMap(key, desiredMap) && !storedMap.keySet().equals(desiredMap.keySet())) {
                return path;
            }
            for (Map.Entry<String, Object> entry : cast(desiredMap).entrySet()) {
                String childKey = entry.getKey();
                String childPath = path + "/" + childKey;
                String difference = QUANTITY_MAPS.contains(key)
                        ? quantityDifference(childPath, entry.getValue(), storedMap.get(childKey))
                        : difference(childPath, childKey, entry.getValue(), storedMap.get(childKey));
                if (difference != null) {
                    return difference;
                }
            }
            return null;
        }
        if (desired instanceof List<?> desiredList) {
            List<?> storedList = stored instanceof List<?> l ? l : (stored == null ? List.of() : null);
            if (storedList == null || storedList.size() != desiredList.size()) {
                return path;
            }
            for (int i = 0; i < desiredList.size(); i++) {
                String difference = difference(path + "/" + i, key, desiredList.get(i), storedList.get(i));
                if (difference != null) {
                    return difference;
                }
            }
            return null;
        }
        if (SIZE_LIMIT.equals(key)) {
            return quantityDifference(path, desired, stored);
        }
        return scalarsEqual(desired, stored) ? null : path;
    }

    /** A Service's `spec.selector` is a plain map too; a Deployment's `spec.selector` holds `matchLabels`. */
    private static boolean isExactMap(String key, Map<?, ?> desired) {
        return EXACT_MAPS.contains(key) || ("selector".equals(key) && desired.values().stream().allMatch(v -> v instanceof String));
    }

    private static String quantityDifference(String path, Object desired, Object stored) {
        if (desired == null) {
            return null;
        }
        if (stored == null) {
            return path;
        }
        try {
            BigDecimal a = Quantity.getAmountInBytes(new Quantity(String.valueOf(desired)));
            BigDecimal b = Quantity.getAmountInBytes(new Quantity(String.valueOf(stored)));
            return a.compareTo(b) == 0 ? null : path;
        } catch (IllegalArgumentException | ArithmeticException e) {
            return scalarsEqual(desired, stored) ? null : path;
        }
    }

    private static boolean scalarsEqual(Object desired, Object stored) {
        if (desired instanceof Number a && stored instanceof Number b) {
            return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) == 0;
        }
        return Objects.equals(desired, stored);
    }

    /** Adds to each metadata of merged (the object's and its templates') the labels and annotations only others set. */
    private static void keepOthersMetadata(Object merged, Object stored) {
        if (merged instanceof Map<?, ?> mergedMap && stored instanceof Map<?, ?> storedMap) {
            for (Map.Entry<String, Object> entry : cast(mergedMap).entrySet()) {
                Object storedValue = storedMap.get(entry.getKey());
                if ("metadata".equals(entry.getKey()) && entry.getValue() instanceof Map<?, ?> metadata && storedValue instanceof Map<?, ?> old) {
                    addOthers(cast(metadata), cast(old), "labels");
                    addOthers(cast(metadata), cast(old), "annotations");
                } else if (!"status".equals(entry.getKey())) {
                    keepOthersMetadata(entry.getValue(), storedValue);
                }
            }
        } else if (merged instanceof List<?> mergedList && stored instanceof List<?> storedList) {
            for (int i = 0; i < Math.min(mergedList.size(), storedList.size()); i++) {
                keepOthersMetadata(mergedList.get(i), storedList.get(i));
            }
        }
    }

    private static void addOthers(Map<String, Object> metadata, Map<String, Object> stored, String field) {
        if (!(stored.get(field) instanceof Map<?, ?> storedValues)) {
            return;
        }
        Map<String, Object> values = metadata.get(field) instanceof Map<?, ?> m ? cast(m) : new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : cast(storedValues).entrySet()) {
            if (!entry.getKey().startsWith(OPERATOR_PREFIX)) {
                values.putIfAbsent(entry.getKey(), entry.getValue());
            }
        }
        if (!values.isEmpty()) {
            metadata.put(field, values);
        }
    }

    private static void preserve(Map<String, Object> merged, Map<String, Object> stored, String[] segments) {
        Map<String, Object> into = merged;
        Map<String, Object> from = stored;
        for (int i = 0; i < segments.length - 1; i++) {
            into = mapAt(into, segments[i]);
            from = mapAt(from, segments[i]);
            if (into == null || from == null) {
                return;
            }
        }
        copyIfPresent(from, into, segments[segments.length - 1]);
    }

    private static void copyIfPresent(Map<String, Object> from, Map<String, Object> into, String key) {
        if (from.get(key) != null) {
            into.put(key, deepCopyValue(from.get(key)));
        }
    }

    private static Map<String, Object> mapAt(Map<String, Object> map, String key) {
        return map != null && map.get(key) instanceof Map<?, ?> m ? cast(m) : null;
    }

    static Map<String, Object> deepCopy(Map<String, Object> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(k, deepCopyValue(v)));
        return copy;
    }

    private static Object deepCopyValue(Object value) {
        if (value instanceof Map<?, ?> m) {
            return deepCopy(cast(m));
        }
        if (value instanceof List<?> l) {
            List<Object> copy = new ArrayList<>(l.size());
            l.forEach(item -> copy.add(deepCopyValue(item)));
            return copy;
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
