package io.strimzi.localkafka;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One broker for every test class of the run (a broker start costs seconds): started by the first test that asks for
 * a {@link KafkaBroker} parameter, ended by PID when the run ends (JUnit closes what the root store holds).
 */
final class SharedBroker implements ParameterResolver {
    static final String SCRAM_USER = "my-connect";
    static final String SCRAM_PASSWORD = KeyStores.randomPassword();

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KafkaBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.create(SharedBroker.class))
                .getOrComputeIfAbsent(KafkaBroker.class, k -> KafkaBroker.builder(WorkDirs.create("broker"))
                        .scramUser(SCRAM_USER, SCRAM_PASSWORD)
                        .start(), KafkaBroker.class);
    }
}
