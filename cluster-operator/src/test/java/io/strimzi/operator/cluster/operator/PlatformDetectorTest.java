package io.strimzi.operator.cluster.operator;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIGroupBuilder;
import io.fabric8.kubernetes.api.model.APIGroupListBuilder;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscoveryBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.strimzi.operator.cluster.model.connectbuild.Platform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** OpenShift is told from Kubernetes by the API groups the server lists. */
class PlatformDetectorTest {
    private KubernetesMockServer server;
    private KubernetesClient client;

    @BeforeEach
    void start() {
        server = new KubernetesMockServer(false);
        server.init();
        client = server.createClient();
    }

    @AfterEach
    void stop() {
        client.close();
        server.destroy();
    }

    /** Discovery as an API server answers it: `/apis` lists the groups, `/apis/<group>` describes one (404 when absent). */
    private void serveGroups(List<String> groups) {
        var list = new APIGroupListBuilder();
        for (String group : groups) {
            APIGroup apiGroup = new APIGroupBuilder().withName(group)
                    .addToVersions(new GroupVersionForDiscoveryBuilder().withGroupVersion(group + "/v1").withVersion("v1").build())
                    .withNewPreferredVersion().withGroupVersion(group + "/v1").withVersion("v1").endPreferredVersion()
                    .build();
            list.addToGroups(apiGroup);
            server.expect().get().withPath("/apis/" + group).andReturn(200, apiGroup).always();
        }
        server.expect().get().withPath("/apis").andReturn(200, list.build()).always();
    }

    @Test
    void aServerWithTheBuildApiIsOpenShift() {
        serveGroups(List.of("apps", "coordination.k8s.io", "build.openshift.io", "image.openshift.io", "route.openshift.io"));
        assertEquals(Platform.OPENSHIFT, PlatformDetector.detect(client));
    }

    @Test
    void aServerWithoutTheBuildApiIsKubernetes() {
        serveGroups(List.of("apps", "coordination.k8s.io", "kafka.strimzi.io"));
        assertEquals(Platform.KUBERNETES, PlatformDetector.detect(client));
    }

    @Test
    void otherOpenShiftGroupsAloneDoNotMakeOpenShift() {
        // MicroShift serves route.openshift.io but has no Build API, so builds need Pods there.
        serveGroups(List.of("apps", "route.openshift.io", "security.openshift.io"));
        assertEquals(Platform.KUBERNETES, PlatformDetector.detect(client));
    }
}
