package io.strimzi.api.kafka.model.common;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import tools.jackson.databind.annotation.JsonTypeIdResolver;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On the base class of a polymorphic part of the API: the subclass is chosen by the `type` field, among the subtypes
 * the class lists in {@code @JsonSubTypes} only (see {@link DeclaredSubtypeResolver}). The CRD generator cannot merge
 * subtypes, so each such field takes its schema from a schema-only union class ({@code @SchemaFrom}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@JacksonAnnotationsInside
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type")
@JsonTypeIdResolver(DeclaredSubtypeResolver.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public @interface TypedByTypeField {
}
