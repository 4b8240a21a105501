package io.strimzi.localkafka;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class WorkerPropertiesTest {
    private static final PathMapping MOUNTS = new PathMapping(Map.of(
            "/opt/kafka/plugins", Path.of("/host/plugins"),
            "/opt/kafka/connect-certs/my-ca", Path.of("/host/secrets/my-ca")));

    @Test
    void changesOnlyTheLinesOfRewrittenKeysAndKeepsEveryOtherByteAsGiven() {
        String given = "# comment: keep me\n"
                + "bootstrap.servers=my-cluster-kafka-bootstrap:9092\n"
                + "\n"
                + "group.id = connect-cluster\n"
                + "plugin.path=/opt/kafka/plugins\n"
                + "ssl.truststore.location=/opt/kafka/connect-certs/my-ca/ca.crt\n"
                + "! another comment\n"
                + "long.value=first \\\n"
                + "    second\n";
        WorkerProperties.Rewritten rewritten = WorkerProperties.rewrite(given,
                Map.of("bootstrap.servers", "127.0.0.1:1234"), MOUNTS);

        assertEquals("# comment: keep me\n"
                + "bootstrap.servers=127.0.0.1\\:1234\n"
                + "\n"
                + "group.id = connect-cluster\n"
                + "plugin.path=/host/plugins\n"
                + "ssl.truststore.location=/host/secrets/my-ca/ca.crt\n"
                + "! another comment\n"
                + "long.value=first \\\n"
                + "    second\n", rewritten.text());
        assertEquals(Map.of("bootstrap.servers", "127.0.0.1:1234",
                "plugin.path", "/host/plugins",
                "ssl.truststore.location", "/host/secrets/my-ca/ca.crt"), rewritten.changes());
    }

    @Test
    void rewritesAContinuedLineAsOneEntryAndAddsKeysThatWereAbsent() {
        String given = "plugin.path=/opt/kafka/plugins,\\\n    /opt/kafka/plugins-extra\r\nlisteners=http://:8083";
        WorkerProperties.Rewritten rewritten = WorkerProperties.rewrite(given,
                Map.of("listeners", "http://127.0.0.1:4321", "rest.advertised.host.name", "127.0.0.1"), MOUNTS);

        assertEquals(Map.of("plugin.path", "/host/plugins,/opt/kafka/plugins-extra",
                "listeners", "http://127.0.0.1:4321",
                "rest.advertised.host.name", "127.0.0.1"), WorkerProperties.parse(rewritten.text()));
        assertEquals("plugin.path=/host/plugins,/opt/kafka/plugins-extra\n"
                + "listeners=http\\://127.0.0.1\\:4321\n"
                + "rest.advertised.host.name=127.0.0.1\n", rewritten.text());
    }

    @Test
    void leavesAGivenConfigurationWithoutMappedPathsOrAddressesAsItIs() {
        String given = "group.id=g\nsasl.jaas.config=x required password=\"${dir:/elsewhere:password}\";\n";
        WorkerProperties.Rewritten rewritten = WorkerProperties.rewrite(given, Map.of(), MOUNTS);
        assertEquals(given, rewritten.text());
        assertEquals(Map.of(), rewritten.changes());
    }

    @Test
    void mapsPathsInsideConfigProviderReferences() {
        String given = "ssl.keystore.key=${strimzidir:/opt/kafka/connect-certs/my-ca:user.key}\n";
        assertEquals("ssl.keystore.key=${strimzidir\\:/host/secrets/my-ca\\:user.key}\n",
                WorkerProperties.rewrite(given, Map.of(), MOUNTS).text());
    }

    @Test
    void refusesTextThatIsNotProperties() {
        assertThrows(IllegalArgumentException.class, () -> WorkerProperties.parse("broken=\\u12"));
    }
}
