package io.strimzi.localcluster;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PathRewriterTest {
    private final FakeKubelet.PathRewriter rewriter = new FakeKubelet.PathRewriter(mappings());

    private static Map<String, Path> mappings() {
        Map<String, Path> mappings = new LinkedHashMap<>();
        mappings.put("/dockerfile", Path.of("/tmp/pod/dockerfile"));
        mappings.put("/dev/termination-log", Path.of("/tmp/pod/dev/termination-log"));
        mappings.put("/kaniko", Path.of("/tmp/pod/kaniko"));
        mappings.put("/kaniko/.docker/", Path.of("/tmp/pod/secret$1"));
        return mappings;
    }

    @Test
    void rewritesMappedPathsWhereverTheyStandAsPaths() {
        assertEquals("--file=/tmp/pod/dockerfile/Dockerfile", rewriter.rewrite("--file=/dockerfile/Dockerfile"));
        assertEquals("/tmp/pod/dockerfile", rewriter.rewrite("/dockerfile"));
        assertEquals("printf x > /tmp/pod/dev/termination-log; cat '/tmp/pod/dev/termination-log'",
                rewriter.rewrite("printf x > /dev/termination-log; cat '/dev/termination-log'"));
        assertEquals("REGISTRY_AUTH_FILE=\"/tmp/pod/dockerfile/a b\"", rewriter.rewrite("REGISTRY_AUTH_FILE=\"/dockerfile/a b\""));
    }

    @Test
    void theLongerMountWinsAndReplacementTextIsTakenLiterally() {
        assertEquals("/tmp/pod/secret$1/config.json", rewriter.rewrite("/kaniko/.docker/config.json"));
        assertEquals("/tmp/pod/kaniko/executor", rewriter.rewrite("/kaniko/executor"));
    }

    @Test
    void leavesLongerOrNestedPathNamesAlone() {
        assertEquals("/dockerfiles/Dockerfile", rewriter.rewrite("/dockerfiles/Dockerfile"));
        assertEquals("/dockerfile.bak", rewriter.rewrite("/dockerfile.bak"));
        assertEquals("/opt/dockerfile/Dockerfile", rewriter.rewrite("/opt/dockerfile/Dockerfile"));
        assertEquals("./dockerfile", rewriter.rewrite("./dockerfile"));
        assertEquals("/dev/termination-logs", rewriter.rewrite("/dev/termination-logs"));
        assertEquals("--tag=127.0.0.1:5000/dockerfile", rewriter.rewrite("--tag=127.0.0.1:5000/dockerfile"));
    }
}
