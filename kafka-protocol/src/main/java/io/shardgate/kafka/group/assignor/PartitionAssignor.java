package io.shardgate.kafka.group.assignor;

/**
 * A server-side assignor: computes a consumer group's target assignment from its members and the partitions of the
 * topics they subscribe to.
 *
 * <p>Contract, for every implementation:
 *
 * <ul>
 *   <li>Pure and deterministic: the same {@code group} and {@code topics} give the same (equal) assignment. The order
 *       of {@link GroupSpec#members()} is part of the input (it breaks ties, as the member order does in Kafka).
 *   <li>Stateless and thread-safe; never blocks; cost is roughly linear in partitions plus members.
 *   <li>Every member of {@code group} appears in the result, with an empty map when it gets nothing. Only topics a
 *       member subscribes to are assigned to it, and no partition is assigned to two members.
 *   <li>Errors: {@link AssignmentException} when a member subscribes to a topic id that {@code topics} does not
 *       know (Kafka's {@code PartitionAssignorException}); {@link IllegalArgumentException} when a current
 *       assignment names a partition at or beyond its topic's partition count.
 * </ul>
 */
public interface PartitionAssignor {

    /** The name clients ask for in {@code group.remote.assignor}, e.g. {@code uniform}. */
    String name();

    /**
     * Computes the group's new target assignment.
     *
     * @param group the members, their subscriptions and their current target assignment
     * @param topics the partition count of (at least) every subscribed topic
     * @return member id → topic id → partitions, for every member of {@code group}
     */
    Assignment assign(GroupSpec group, TopicPartitions topics);
}
