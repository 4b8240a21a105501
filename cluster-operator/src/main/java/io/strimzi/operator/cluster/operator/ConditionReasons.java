package io.strimzi.operator.cluster.operator;

import io.strimzi.operator.cluster.model.connectbuild.BuildWarnings;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * Every reason the operator writes into a KafkaConnect's status conditions, in one place: docs/connect-build.md has
 * a troubleshooting row for each (a test reads this class).
 */
public final class ConditionReasons {
    /** Ready=False: the resource is invalid; the message names the field. No build starts. */
    public static final String INVALID_RESOURCE = "InvalidResource";
    /** Ready=False while a build of the current revision runs. */
    public static final String BUILD_RUNNING = "BuildRunning";
    /** Ready=False: the build ran and failed, or succeeded without a usable image reference. */
    public static final String BUILD_FAILED = "BuildFailed";
    /** Ready=False: the build did not finish within STRIMZI_CONNECT_BUILD_TIMEOUT_MS. */
    public static final String BUILD_TIMEOUT = "BuildTimeout";
    /** Ready=False: the API server or an admission controller refused the build Pod. */
    public static final String BUILD_POD_REJECTED = "BuildPodRejected";
    /** Ready=False: the builder image cannot be pulled. */
    public static final String IMAGE_PULL_FAILED = "ImagePullFailed";
    /** Ready=False (OpenShift): the ImageStream of an `imagestream` output does not exist. */
    public static final String IMAGE_STREAM_NOT_FOUND = "ImageStreamNotFound";
    /** Ready=False (OpenShift): the API server refused to start the Build from the BuildConfig. */
    public static final String BUILD_REJECTED = "BuildRejected";
    /** Warning=True: the resource uses a deprecated field (additionalKanikoOptions). */
    public static final String DEPRECATED_FIELDS = BuildWarnings.DEPRECATED_FIELDS_REASON;
    /** Warning=True (OpenShift): the operator's proxies carry credentials, which a BuildConfig cannot take safely. */
    public static final String PROXY_CREDENTIALS_NOT_PASSED = BuildWarnings.PROXY_CREDENTIALS_NOT_PASSED_REASON;
    /** Ready=False: a request to the API server failed; the message names the operation. Retried with back-off. */
    public static final String RECONCILIATION_FAILED = "ReconciliationFailed";

    private ConditionReasons() {
    }

    /** Every reason above. */
    public static List<String> all() {
        List<String> reasons = new ArrayList<>();
        for (Field field : ConditionReasons.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                try {
                    reasons.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return reasons;
    }
}
