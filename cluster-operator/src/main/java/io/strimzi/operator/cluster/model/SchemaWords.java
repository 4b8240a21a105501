package io.strimzi.operator.cluster.model;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** How {@link KafkaConnectSchema} words what it finds: types, values, choices and the nearest known field name. */
final class SchemaWords {
    private static final int MAX_VALUE_LENGTH = 60;

    private SchemaWords() {
    }

    static boolean hasType(JsonNode node, String type) {
        return switch (type) {
            case "object" -> node.isObject();
            case "array" -> node.isArray();
            case "string" -> node.isString();
            case "integer" -> node.isIntegralNumber();
            case "number" -> node.isNumber();
            case "boolean" -> node.isBoolean();
            default -> true;
        };
    }

    static String typeName(String type) {
        return switch (type) {
            case "object" -> "an object with fields";
            case "array" -> "a list";
            case "string" -> "a string";
            case "integer" -> "an integer";
            case "number" -> "a number";
            case "boolean" -> "true or false";
            default -> type;
        };
    }

    /** The value as a user would recognise it, shortened and with control characters escaped. */
    static String describe(JsonNode node) {
        if (node.isString()) {
            String text = node.toString(); // JSON-quoted: escapes line breaks and other control characters
            return "the string " + (text.length() > MAX_VALUE_LENGTH ? text.substring(0, MAX_VALUE_LENGTH) + "...\"" : text);
        }
        if (node.isNumber()) {
            return "the number " + node;
        }
        if (node.isBoolean()) {
            return node.toString();
        }
        return node.isArray() ? "a list" : node.isObject() ? "an object" : node.toString();
    }

    /** YAML reads 4.1 and true as a number and a boolean: a string field wants them in quotes. */
    static String quoteHint(JsonNode node, String expectedType) {
        return "string".equals(expectedType) && (node.isNumber() || node.isBoolean())
                ? " (write it in quotes: \"" + node + "\")" : "";
    }

    /** For a required field with fixed values, which ones. */
    static String choices(JsonNode fieldSchema) {
        return fieldSchema.has("enum") ? " (one of " + joinValues(fieldSchema.get("enum")) + ")" : "";
    }

    /** `a`, `a and b`, `a, b and c`. */
    static String joinFields(List<String> fields) {
        if (fields.size() == 1) {
            return fields.get(0);
        }
        return String.join(", ", fields.subList(0, fields.size() - 1)) + " and " + fields.get(fields.size() - 1);
    }

    static String joinValues(JsonNode values) {
        List<String> all = new ArrayList<>();
        values.forEach(v -> all.add(v.asString()));
        return String.join(", ", all);
    }

    /** The known field nearest to an unknown name (by edit distance), as a suggestion. */
    static String nearest(String name, Collection<String> known, String path) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int distance = distance(name.toLowerCase(java.util.Locale.ROOT), candidate.toLowerCase(java.util.Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        if (best == null) {
            return "";
        }
        String parent = path.substring(0, path.length() - name.length());
        return bestDistance <= Math.max(2, name.length() / 3)
                ? " (did you mean " + parent + best + "?)"
                : " (the nearest known field is " + parent + best + ")";
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
