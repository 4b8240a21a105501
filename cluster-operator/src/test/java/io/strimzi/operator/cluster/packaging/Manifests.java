package io.strimzi.operator.cluster.packaging;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Navigation in Kubernetes objects parsed as maps, for comparing install/ with the chart's renders. */
final class Manifests {
    private Manifests() {
    }

    static List<Map<String, Object>> ofKind(List<Map<String, Object>> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))).collect(Collectors.toList());
    }

    static Map<String, Object> single(List<Map<String, Object>> objects, String kind, String name) {
        List<Map<String, Object>> found = objects.stream()
                .filter(o -> kind.equals(o.get("kind")) && name.equals(name(o)))
                .collect(Collectors.toList());
        assertEquals(1, found.size(), "expected exactly one " + kind + " " + name + " among " + describe(objects));
        return found.get(0);
    }

    static String name(Map<String, Object> object) {
        return (String) map(object, "metadata").get("name");
    }

    static String describe(List<Map<String, Object>> objects) {
        return objects.stream().map(o -> o.get("kind") + "/" + name(o)).collect(Collectors.joining(", ", "[", "]"));
    }

    /** The value at a path of map keys. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> object, String... path) {
        Object current = object;
        for (String key : path) {
            current = ((Map<String, Object>) current).get(key);
            if (current == null) {
                throw new AssertionError("no " + String.join(".", path) + " in " + object);
            }
        }
        return (Map<String, Object>) current;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Map<String, Object> object, String... path) {
        Map<String, Object> parent = map(object, java.util.Arrays.copyOf(path, path.length - 1));
        return (List<Object>) parent.get(path[path.length - 1]);
    }

    /** The only container of a Deployment's Pod template. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> operatorContainer(Map<String, Object> deployment) {
        List<Object> containers = list(deployment, "spec", "template", "spec", "containers");
        assertEquals(1, containers.size(), "the operator Pod has one container");
        return (Map<String, Object>) containers.get(0);
    }

    /** A container's env as name → entry without the name (a `value` or a `valueFrom`), in declaration order. */
    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> env(Map<String, Object> container) {
        Map<String, Map<String, Object>> env = new LinkedHashMap<>();
        for (Object item : (List<Object>) container.get("env")) {
            Map<String, Object> entry = new LinkedHashMap<>((Map<String, Object>) item);
            String name = (String) entry.remove("name");
            if (env.put(name, entry) != null) {
                throw new AssertionError("env var " + name + " is set twice");
            }
        }
        return env;
    }

    /** The env vars that have a literal value, as name → value (what the operator reads). */
    static Map<String, String> literalEnv(Map<String, Object> container) {
        Map<String, String> values = new LinkedHashMap<>();
        env(container).forEach((name, entry) -> {
            if (entry.containsKey("value")) {
                values.put(name, String.valueOf(entry.get("value")));
            }
        });
        return values;
    }
}
