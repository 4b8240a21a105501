package io.strimzi.connectbuilder;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegistryOptionsTest {
    @Test
    void buildahsOptionsWithBuildahsMeanings() {
        RegistryOptions options = RegistryOptions.parse(List.of("--tls-verify=false", "--creds=user:pa:ss", "--authfile=/auth.json",
                "--cert-dir=/certs", "--retry=5", "--retry-delay=1m30s", "--quiet"), RegistryOptions.Phase.PUSH);
        assertEquals(new RegistryOptions(false, "user", "pa:ss", Path.of("/auth.json"), Path.of("/certs"), 5, Duration.ofSeconds(90), true),
                options);
        assertEquals(RegistryOptions.defaults(), RegistryOptions.parse(List.of(), RegistryOptions.Phase.PULL));
        assertTrue(RegistryOptions.parse(List.of("--tls-verify"), RegistryOptions.Phase.PULL).tlsVerify());
        assertFalse(RegistryOptions.parse(List.of("--tls-verify=0"), RegistryOptions.Phase.PULL).tlsVerify());
        assertEquals(Duration.ofMillis(500), RegistryOptions.duration("500ms", RegistryOptions.Phase.PULL));
        assertEquals(Duration.ofMinutes(90), RegistryOptions.duration("1.5h", RegistryOptions.Phase.PULL));
    }

    @Test
    void whatBuildahWouldRefuseOrWhatThisBuilderCannotDoIsRefusedNamingTheField() {
        assertEquals(".spec.build.output.additionalBuildOptions: the layer builder does not support the option --quiet",
                assertThrows(BuildException.class, () -> RegistryOptions.parse(List.of("--quiet"), RegistryOptions.Phase.PULL)).getMessage());
        assertEquals(".spec.build.output.additionalBuildOptions: the layer builder does not support the option --decryption-key",
                assertThrows(BuildException.class, () -> RegistryOptions.parse(List.of("--decryption-key=k"), RegistryOptions.Phase.PULL))
                        .getMessage());
        String creds = assertThrows(BuildException.class, () -> RegistryOptions.parse(List.of("--creds=justuser"),
                RegistryOptions.Phase.PUSH)).getMessage();
        assertEquals(".spec.build.output.additionalPushOptions: --creds needs user:password (there is no prompt in a build Pod)", creds);
        assertThrows(BuildException.class, () -> RegistryOptions.parse(List.of("--retry=-1"), RegistryOptions.Phase.PUSH));
        assertThrows(BuildException.class, () -> RegistryOptions.parse(List.of("--retry-delay=soon"), RegistryOptions.Phase.PUSH));
        assertThrows(BuildException.class, () -> RegistryOptions.parse(List.of("--tls-verify=maybe"), RegistryOptions.Phase.PUSH));
    }
}
