package io.strimzi.localkafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/** What the scenarios ask the broker, with Kafka's own clients in the test's JVM. */
public final class KafkaClients {
    private static final long ADMIN_TIMEOUT_SECONDS = 30;

    private KafkaClients() {
    }

    /** The names of the broker's topics (internal ones such as {@code __consumer_offsets} left out). */
    public static Set<String> topics(Map<String, Object> clientConfig) {
        try (Admin admin = Admin.create(clientConfig)) {
            return new TreeSet<>(get(admin.listTopics().names()));
        }
    }

    /** The topics' descriptions (partitions, replicas). */
    public static Map<String, TopicDescription> describeTopics(Map<String, Object> clientConfig, Set<String> topics) {
        try (Admin admin = Admin.create(clientConfig)) {
            return new TreeMap<>(get(admin.describeTopics(topics).allTopicNames()));
        }
    }

    /** The configuration entries of a topic whose value was set on the topic (not a broker default). */
    public static Map<String, String> topicConfig(Map<String, Object> clientConfig, String topic) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try (Admin admin = Admin.create(clientConfig)) {
            Config config = get(admin.describeConfigs(List.of(resource)).all()).get(resource);
            return config.entries().stream()
                    .filter(e -> e.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG)
                    .collect(Collectors.toMap(ConfigEntry::name, ConfigEntry::value, (a, b) -> b, TreeMap::new));
        }
    }

    /** The broker's groups (consumer groups and Connect's {@code connect} protocol groups alike), by group id. */
    public static Map<String, GroupListing> groups(Map<String, Object> clientConfig) {
        try (Admin admin = Admin.create(clientConfig)) {
            return get(admin.listGroups().all()).stream()
                    .collect(Collectors.toMap(GroupListing::groupId, g -> g, (a, b) -> b, TreeMap::new));
        }
    }

    /**
     * Reads the first {@code count} record values of a topic (every partition, from the beginning, no consumer
     * group), waiting up to {@code timeout} for the topic and the records to exist.
     */
    public static List<String> consume(Map<String, Object> clientConfig, String topic, int count, Duration timeout) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Instant deadline = Instant.now().plus(timeout);
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = List.of();
            while (partitions.isEmpty()) {
                checkDeadline(deadline, "topic " + topic + " to exist", values);
                List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
                partitions = infos == null ? List.of()
                        : infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (values.size() < count) {
                checkDeadline(deadline, count + " records in " + topic, values);
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
        }
        return values.subList(0, count);
    }

    private static void checkDeadline(Instant deadline, String what, List<String> sofar) {
        if (Instant.now().isAfter(deadline)) {
            throw new IllegalStateException("Timed out waiting for " + what + "; read so far: " + sofar);
        }
    }

    private static <T> T get(KafkaFuture<T> future) {
        try {
            return future.get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Admin call failed: " + e.getMessage(), e);
        }
    }
}
