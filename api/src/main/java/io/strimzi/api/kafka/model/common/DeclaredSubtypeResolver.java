package io.strimzi.api.kafka.model.common;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import tools.jackson.databind.DatabindContext;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.jsontype.impl.TypeIdResolverBase;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Resolves `type` to the subtypes the base class lists in {@link JsonSubTypes}, and refuses any other value.
 * The fabric8 client's mapper disables FAIL_ON_INVALID_SUBTYPE, so with the default resolver an unknown `type`
 * (possible wherever no API server validated the resource: the mock server, a file) would silently become null.
 * A missing `type` still reads as null: Jackson does not ask the resolver then.
 */
public final class DeclaredSubtypeResolver extends TypeIdResolverBase {
    private final Map<String, Class<?>> subtypes = new LinkedHashMap<>();
    // Jackson creates annotation-named resolvers with the no-argument constructor and hands the base type to init()
    private JavaType baseType;

    @Override
    public void init(JavaType baseType) {
        this.baseType = baseType;
        JsonSubTypes declared = baseType.getRawClass().getAnnotation(JsonSubTypes.class);
        if (declared == null) {
            throw new IllegalStateException(baseType.getRawClass() + " has no @JsonSubTypes");
        }
        for (JsonSubTypes.Type subtype : declared.value()) {
            subtypes.put(subtype.name(), subtype.value());
        }
    }

    @Override
    public JavaType typeFromId(DatabindContext context, String id) {
        Class<?> subtype = subtypes.get(id);
        if (subtype == null) {
            String message = "Unknown " + baseType.getRawClass().getSimpleName().toLowerCase(Locale.ROOT)
                    + " type '" + id + "': expected one of " + String.join(", ", subtypes.keySet());
            throw InvalidTypeIdException.from(context instanceof DeserializationContext d ? d.getParser() : null,
                    message, baseType, id);
        }
        return context.constructSpecializedType(baseType, subtype);
    }

    @Override
    public String idFromValue(DatabindContext context, Object value) {
        return idFromValueAndType(context, value, value.getClass());
    }

    @Override
    public String idFromValueAndType(DatabindContext context, Object value, Class<?> type) {
        for (Map.Entry<String, Class<?>> subtype : subtypes.entrySet()) {
            if (subtype.getValue().equals(type)) {
                return subtype.getKey();
            }
        }
        throw new IllegalArgumentException(type + " is not listed in @JsonSubTypes of " + baseType.getRawClass());
    }

    @Override
    public String getDescForKnownTypeIds() {
        return String.join(", ", subtypes.keySet());
    }

    @Override
    public JsonTypeInfo.Id getMechanism() {
        return JsonTypeInfo.Id.NAME;
    }
}
