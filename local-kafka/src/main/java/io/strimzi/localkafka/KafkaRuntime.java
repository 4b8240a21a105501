package io.strimzi.localkafka;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * What the child JVMs run, as Maven resolved it when this module was built (see the pom): the class path of
 * {@code kafka_2.13} and {@code connect-runtime}, the Kafka version, and the {@code connect-file} plugin jar.
 * Nothing is downloaded at test time.
 */
public final class KafkaRuntime {
    private static final String CLASSPATH_RESOURCE = "kafka-runtime.classpath";
    private static final String PROPERTIES_RESOURCE = "local-kafka.properties";

    private KafkaRuntime() {
    }

    /** The Kafka version of the broker, the worker and {@link #connectFileJar()}. */
    public static String version() {
        return properties().getProperty("kafka.version");
    }

    /** The class path of the broker and the worker (the role of a Kafka distribution's {@code libs/}). */
    public static String classPath() {
        String text = resource(CLASSPATH_RESOURCE).strip();
        if (text.isEmpty()) {
            throw new IllegalStateException(CLASSPATH_RESOURCE + " is empty: rebuild local-kafka with Maven");
        }
        return text;
    }

    /** The entries of {@link #classPath()}: one jar from the local Maven repository each. */
    public static List<Path> classPathEntries() {
        return Arrays.stream(classPath().split(File.pathSeparator)).map(Path::of).toList();
    }

    /** {@code org.apache.kafka:connect-file} of {@link #version()}, as Maven copied it at build time. */
    public static Path connectFileJar() {
        Path jar = Path.of(properties().getProperty("connect-file.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: rebuild local-kafka with Maven");
        }
        return jar;
    }

    /** The {@code java} of the JVM running the tests: the child JVMs use the same one. */
    public static Path javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** A tool of the same JDK, such as {@code jcmd}. */
    public static Path jdkTool(String name) {
        return Path.of(System.getProperty("java.home"), "bin", name);
    }

    private static Properties properties() {
        Properties properties = new Properties();
        try (StringReader reader = new StringReader(resource(PROPERTIES_RESOURCE))) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    private static String resource(String name) {
        try (InputStream in = KafkaRuntime.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Resource " + name + " is missing: build local-kafka with Maven");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
