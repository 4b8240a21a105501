package io.strimzi.localcluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalClusterTest {
    @Test
    void namesEveryMissingToolAndFindsThemOnThisMachinesPath(@TempDir Path emptyDir) {
        assertEquals(List.of("buildah", "docker-registry", "skopeo"), LocalCluster.missingTools(emptyDir.toString()));
        assertEquals(List.of(), LocalCluster.missingTools(System.getenv("PATH")), "install them with .ci/install-tools.sh");
    }

    @Test
    void buildRunningIsProgressWhileFailuresEndTheRun() {
        assertFalse(LocalCluster.isFailure("BuildRunning"));
        assertFalse(LocalCluster.isFailure(null));
        assertTrue(LocalCluster.isFailure("BuildFailed"));
        assertTrue(LocalCluster.isFailure("BuildTimeout"));
        assertTrue(LocalCluster.isFailure("InvalidResource"));
    }
}
