package io.strimzi.localkafka;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import static io.strimzi.localkafka.KafkaBroker.Listener.SCRAM;

/**
 * SCRAM-SHA-512 over TLS, the password read from the mounted password Secret (never written in the configuration):
 * the right password connects, a wrong one fails with the broker's authentication error in the worker's log.
 */
@ExtendWith(SharedBroker.class)
class ScramWorkerTest {

    @Test
    void connectsWithThePasswordFromTheSecret(KafkaBroker broker) {
        try (ConnectWorker worker = scramWorker(broker, "scram-connect", SharedBroker.SCRAM_PASSWORD)) {
            Scenarios.assertConnects(broker, worker, "scram-connect");
        }
    }

    @Test
    void failsWithAWrongPasswordAndSaysWhyInItsLog(KafkaBroker broker) {
        try (ConnectWorker worker = scramWorker(broker, "scram-wrong-password", "not-" + SharedBroker.SCRAM_PASSWORD)) {
            String reason = "Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512";
            Scenarios.assertFailsToConnect(broker, SCRAM, worker,
                    Pattern.compile("SaslAuthenticationException: " + Pattern.quote(reason)), reason);
        }
    }

    private static ConnectWorker scramWorker(KafkaBroker broker, String groupId, String password) {
        Path dir = WorkDirs.create("connect-" + groupId);
        Path passwordSecret = SecretFiles.writePassword(dir.resolve("password-secret"), "password", password);
        Path caSecret = SecretFiles.writeClusterCaCert(dir.resolve("ca-secret"), broker.clusterCa());
        String passwordDir = Scenarios.CONNECT_PASSWORD + "/" + SharedBroker.SCRAM_USER;
        String caDir = Scenarios.CONNECT_CERTS + "/" + Scenarios.CLUSTER_CA_SECRET;
        Map<String, String> config = new TreeMap<>(Scenarios.SECRET_FILES_PROVIDER);
        config.put("security.protocol", "SASL_SSL");
        config.put("sasl.mechanism", "SCRAM-SHA-512");
        config.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + SharedBroker.SCRAM_USER + "\" password=\"${strimzidir:" + passwordDir + ":password}\";");
        config.put("ssl.truststore.type", "PEM");
        config.put("ssl.truststore.location", caDir + "/ca.crt");
        return Scenarios.worker(dir, groupId, config, broker.bootstrap(SCRAM))
                .mount(passwordDir, passwordSecret)
                .mount(caDir, caSecret)
                .start();
    }
}
