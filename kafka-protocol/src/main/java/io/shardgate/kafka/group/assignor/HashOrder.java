package io.shardgate.kafka.group.assignor;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;

import org.apache.kafka.common.Uuid;

/**
 * The one place where an assignor reproduces a hash-set iteration order, on purpose.
 *
 * <p>Kafka's homogeneous uniform assignor copies the group's subscribed topic ids into a {@code java.util.HashSet} and
 * walks that set to line up the partitions it still has to hand out; which member gets which of those partitions
 * follows that order. To give the same assignment for the same input we walk the topics in the same order, so we
 * build the same set the same way: a {@code HashSet} filled from the subscription in its (ascending) iteration order.
 * The result depends only on the ids' hash codes and, for ids that share a bucket, on that insertion order, so it is
 * deterministic; {@code java.util.HashMap}'s layout has not changed since JDK 8, and the differential test against
 * Kafka's own assignor would catch a JDK that changed it.
 */
final class HashOrder {

    private HashOrder() {}

    static List<Uuid> ofTopicIds(Collection<Uuid> topicIds) {
        return new ArrayList<>(new HashSet<>(topicIds));
    }
}
