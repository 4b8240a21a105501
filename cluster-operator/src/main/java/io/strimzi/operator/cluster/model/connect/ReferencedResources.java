package io.strimzi.operator.cluster.model.connect;

import io.strimzi.operator.cluster.model.InvalidResourceException;
import io.strimzi.operator.cluster.values.Sha256;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The Secrets and ConfigMaps a KafkaConnect's pods use ({@link Ref}, listed by {@link KafkaConnectCluster#references})
 * and, once the operator has read them, their data. Pure: the operator reads, the model decides. Each referenced
 * object's data is hashed into a Pod annotation, so that a change of a Secret or ConfigMap rolls the pods, as Strimzi
 * does; the external logging and metrics ConfigMaps are copied into the Connect ConfigMap instead.
 *
 * <p>{@link #notRead()} stands for "not looked up" (validation before the I/O, and `render`, which has no cluster):
 * then nothing is missing, and what needs the data says so where it is used.
 */
public final class ReferencedResources {
    /** The kinds of object the pods reference. */
    public enum Kind { SECRET, CONFIG_MAP }

    /**
     * One referenced object.
     *
     * @param field    the field that names it, for messages
     * @param optional true when Kubernetes allows it to be missing (an optional volume or key reference)
     * @param hashed   true when its data is hashed into the Pod annotation (false: its content is copied instead)
     */
    public record Ref(Kind kind, String name, String field, boolean optional, boolean hashed) {
        String describe() {
            return (kind == Kind.SECRET ? "Secret " : "ConfigMap ") + name;
        }
    }

    private final boolean read;
    /** Kind/name to the object's data, as text (a Secret's values decoded from base64). */
    private final Map<String, Map<String, String>> found;

    private ReferencedResources(boolean read, Map<String, Map<String, String>> found) {
        this.read = read;
        this.found = found;
    }

    /** Nothing looked up: {@link #isRead()} is false. */
    public static ReferencedResources notRead() {
        return new ReferencedResources(false, Map.of());
    }

    /** What the operator found; a Ref without an entry does not exist. */
    public static Builder builder() {
        return new Builder();
    }

    public boolean isRead() {
        return read;
    }

    /** The data of an object that was found, else empty (missing, or not read). */
    public Optional<Map<String, String>> data(Kind kind, String name) {
        return Optional.ofNullable(found.get(key(kind, name)));
    }

    /**
     * @throws InvalidResourceException naming the field when a referenced object that may not be missing is, after a
     *                                  look-up (the pods could not start without it)
     */
    void requirePresent(List<Ref> refs, String namespace) {
        if (!read) {
            return;
        }
        List<String> missing = new ArrayList<>();
        for (Ref ref : refs) {
            if (!ref.optional() && !found.containsKey(key(ref.kind(), ref.name()))) {
                missing.add(ref.field() + ": " + ref.describe() + " does not exist in namespace " + namespace);
            }
        }
        if (!missing.isEmpty()) {
            throw new InvalidResourceException(String.join("; ", missing)
                    + " (the Connect pods cannot start without it; the operator tries again when the resource or the "
                    + "periodic reconciliation changes)");
        }
    }

    /** A hash of the data of the hashed references, or null when none is hashed or nothing was read. */
    String hash(List<Ref> refs) {
        if (!read) {
            return null;
        }
        Map<String, Map<String, String>> hashed = new TreeMap<>();
        for (Ref ref : refs) {
            if (ref.hashed()) {
                hashed.put(key(ref.kind(), ref.name()), new TreeMap<>(found.getOrDefault(key(ref.kind(), ref.name()), Map.of())));
            }
        }
        return hashed.isEmpty() ? null : Sha256.hex(hashed.toString(), 32);
    }

    /**
     * The same look-up with a Secret's data as the operator writes it (a Secret it keeps, such as the JMX credentials),
     * so that the hash is that of what the pods will read, not of what was there before.
     */
    ReferencedResources withSecret(String name, Map<String, String> data) {
        if (!read) {
            return this;
        }
        Map<String, Map<String, String>> changed = new LinkedHashMap<>(found);
        changed.put(key(Kind.SECRET, name), Map.copyOf(data));
        return new ReferencedResources(true, Map.copyOf(changed));
    }

    private static String key(Kind kind, String name) {
        return kind + "/" + name;
    }

    /** Collects what the operator found. */
    public static final class Builder {
        private final Map<String, Map<String, String>> found = new LinkedHashMap<>();

        private Builder() {
        }

        /** A ConfigMap's `data` (its `binaryData` is not text and is not used by the pods' configuration). */
        public Builder configMap(String name, Map<String, String> data) {
            found.put(key(Kind.CONFIG_MAP, name), data == null ? Map.of() : Map.copyOf(data));
            return this;
        }

        /** A Secret's `data` (base64, as the API serves it) and `stringData`. */
        public Builder secret(String name, Map<String, String> base64Data, Map<String, String> stringData) {
            Map<String, String> decoded = new TreeMap<>();
            if (base64Data != null) {
                base64Data.forEach((k, v) -> decoded.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
            }
            if (stringData != null) {
                decoded.putAll(stringData);
            }
            found.put(key(Kind.SECRET, name), Map.copyOf(decoded));
            return this;
        }

        public ReferencedResources build() {
            return new ReferencedResources(true, Map.copyOf(found));
        }
    }
}
