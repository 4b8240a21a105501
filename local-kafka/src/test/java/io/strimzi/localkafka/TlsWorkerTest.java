package io.strimzi.localkafka;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

import static io.strimzi.localkafka.KafkaBroker.Listener.TLS;

/** `.spec.tls.trustedCertificates`: a worker trusting the cluster CA connects to the TLS listener; one trusting another CA does not. */
@ExtendWith(SharedBroker.class)
class TlsWorkerTest {

    /**
     * The form the operator sets up today: the CA Secret mounted at /opt/kafka/connect-certs/<secret>, and
     * KAFKA_CONNECT_TRUSTED_CERTIFICATES naming its certificate, turned into /tmp/kafka/cluster.truststore.p12 as
     * Strimzi's image does; the store's password reaches the worker through an environment variable.
     */
    @Test
    void connectsWithTheClusterCaInATrustStoreMadeFromTheTrustedCertificates(KafkaBroker broker) {
        Path dir = WorkDirs.create("connect-tls");
        Path certs = dir.resolve("connect-certs");
        SecretFiles.writeClusterCaCert(certs.resolve(Scenarios.CLUSTER_CA_SECRET), broker.clusterCa());
        Path tmp = dir.resolve("tmp");
        String password = KeyStores.randomPassword();
        TrustedCertificates.writePkcs12(Scenarios.CLUSTER_CA_SECRET + "/ca.crt", certs,
                tmp.resolve("kafka/cluster.truststore.p12"), password);

        try (ConnectWorker worker = Scenarios.worker(dir, "tls-connect", Map.of(
                        "security.protocol", "SSL",
                        "ssl.truststore.type", "PKCS12",
                        "ssl.truststore.location", "/tmp/kafka/cluster.truststore.p12",
                        "ssl.truststore.password", "${strimzienv:CERTS_STORE_PASSWORD}",
                        "config.providers", "strimzienv",
                        "config.providers.strimzienv.class", "org.apache.kafka.common.config.provider.EnvVarConfigProvider"),
                        broker.bootstrap(TLS))
                .mount("/tmp", tmp)
                .mount(Scenarios.CONNECT_CERTS, certs)
                .env("CERTS_STORE_PASSWORD", password)
                .start()) {
            Scenarios.assertConnects(broker, worker, "tls-connect");
        }
    }

    /** PEM trust (ssl.truststore.type=PEM on the mounted ca.crt) of a CA that did not sign the broker's certificate. */
    @Test
    void failsWithAnotherCaAndSaysWhyInItsLog(KafkaBroker broker) {
        Path dir = WorkDirs.create("connect-tls-wrong-ca");
        Path secret = SecretFiles.writeClusterCaCert(dir.resolve("wrong-ca"), CertificateAuthority.create("another-ca"));
        try (ConnectWorker worker = Scenarios.worker(dir, "tls-wrong-ca", Map.of(
                        "security.protocol", "SSL",
                        "ssl.truststore.type", "PEM",
                        "ssl.truststore.location", Scenarios.CONNECT_CERTS + "/" + Scenarios.CLUSTER_CA_SECRET + "/ca.crt"),
                        broker.bootstrap(TLS))
                .mount(Scenarios.CONNECT_CERTS + "/" + Scenarios.CLUSTER_CA_SECRET, secret)
                .start()) {
            Scenarios.assertFailsToConnect(broker, TLS, worker,
                    Pattern.compile("Caused by: javax.net.ssl.SSLHandshakeException: PKIX path building failed"),
                    "SSL handshake failed");
        }
    }
}
