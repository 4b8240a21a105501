/**
 * Validated value types and rules shared by the configuration, the model and the operator, each in one place:
 * {@link io.strimzi.operator.cluster.values.ImageReference} (the one image-reference grammar),
 * {@link io.strimzi.operator.cluster.values.KubernetesNames} (DNS-1123 names),
 * {@link io.strimzi.operator.cluster.values.ControlCharacters} (what counts as a control character, and how a value is
 * quoted in a message) and {@link io.strimzi.operator.cluster.values.Sha256} (the hash helper). Nothing here depends on
 * another package of the operator.
 */
package io.strimzi.operator.cluster.values;
