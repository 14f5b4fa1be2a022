/**
 * The server-side partition assignors of KIP-848 consumer groups ({@code group.protocol=consumer}): {@link
 * io.shardgate.kafka.group.assignor.UniformAssignor uniform} (Kafka's default) and {@link
 * io.shardgate.kafka.group.assignor.RangeAssignor range}, chosen by the client's {@code group.remote.assignor}
 * through {@link io.shardgate.kafka.group.assignor.PartitionAssignors#byName(String)}.
 *
 * <p>Each assignor is a pure function from a {@link io.shardgate.kafka.group.assignor.GroupSpec} (members, their
 * subscriptions and their current target assignment) and {@link io.shardgate.kafka.group.assignor.TopicPartitions}
 * (partition counts) to an {@link io.shardgate.kafka.group.assignor.Assignment}. For the same input they produce
 * the same assignment as Apache Kafka 4.4's {@code UniformAssignor} and {@code RangeAssignor}
 * (docs/adr/0012-server-side-assignors.md says what exactly is reproduced and how it is tested).
 *
 * <p>Threading: assignors hold no state; they are thread-safe and never block. The inputs and outputs are immutable
 * records. The package depends on kafka-clients' {@link org.apache.kafka.common.Uuid} only, not on Kafka's group
 * coordinator.
 */
package io.shardgate.kafka.group.assignor;
