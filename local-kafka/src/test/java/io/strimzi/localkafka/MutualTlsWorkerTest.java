package io.strimzi.localkafka;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import static io.strimzi.localkafka.KafkaBroker.Listener.MTLS;

/**
 * TLS client authentication on the listener that requires it: the user Secret's user.crt and user.key (PEM, read by
 * Kafka's PEM key store), the cluster CA from its Secret's ca.p12 and ca.password. A certificate the clients CA did
 * not sign is refused.
 */
@ExtendWith(SharedBroker.class)
class MutualTlsWorkerTest {

    @Test
    void connectsWithACertificateOfTheClientsCa(KafkaBroker broker) {
        try (ConnectWorker worker = tlsUserWorker(broker, "mtls-connect", broker.clientsCa())) {
            Scenarios.assertConnects(broker, worker, "mtls-connect");
        }
    }

    @Test
    void failsWithACertificateOfAnotherCaAndSaysWhyInItsLog(KafkaBroker broker) {
        try (ConnectWorker worker = tlsUserWorker(broker, "mtls-wrong-cert", CertificateAuthority.create("rogue-clients-ca"))) {
            Scenarios.assertFailsToConnect(broker, MTLS, worker,
                    Pattern.compile("Caused by: javax.net.ssl.SSLHandshakeException: Received fatal alert: bad_certificate"),
                    "SSL handshake failed");
        }
    }

    private static ConnectWorker tlsUserWorker(KafkaBroker broker, String groupId, CertificateAuthority userCa) {
        Path dir = WorkDirs.create("connect-" + groupId);
        Path userSecret = SecretFiles.writeTlsUser(dir.resolve("user-secret"), userCa.issueClient("my-connect"));
        Path caSecret = SecretFiles.writeClusterCaCert(dir.resolve("ca-secret"), broker.clusterCa());
        String userDir = Scenarios.CONNECT_CERTS + "/my-connect";
        String caDir = Scenarios.CONNECT_CERTS + "/" + Scenarios.CLUSTER_CA_SECRET;
        Map<String, String> config = new TreeMap<>(Scenarios.SECRET_FILES_PROVIDER);
        config.put("security.protocol", "SSL");
        config.put("ssl.keystore.type", "PEM");
        config.put("ssl.keystore.certificate.chain", "${strimzidir:" + userDir + ":user.crt}");
        config.put("ssl.keystore.key", "${strimzidir:" + userDir + ":user.key}");
        config.put("ssl.truststore.type", "PKCS12");
        config.put("ssl.truststore.location", caDir + "/ca.p12");
        config.put("ssl.truststore.password", "${strimzidir:" + caDir + ":ca.password}");
        return Scenarios.worker(dir, groupId, config, broker.bootstrap(MTLS))
                .mount(userDir, userSecret)
                .mount(caDir, caSecret)
                .start();
    }
}
