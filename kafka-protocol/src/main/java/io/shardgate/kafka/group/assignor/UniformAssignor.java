package io.shardgate.kafka.group.assignor;

/**
 * The {@code uniform} assignor, Kafka's default for {@code group.protocol=consumer}: spreads all subscribed
 * partitions so that member loads differ by at most one where subscriptions allow, and keeps as much of each
 * member's current assignment as that balance permits (balance first, then stickiness).
 *
 * <p>Two algorithms, as in Kafka 4.4: {@link UniformHomogeneousAssignment} when every member subscribes to the same
 * topics, {@link UniformHeterogeneousAssignment} otherwise. Racks are not considered.
 */
public final class UniformAssignor implements PartitionAssignor {

    public static final String NAME = "uniform";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Assignment assign(GroupSpec group, TopicPartitions topics) {
        if (group.isEmpty()) {
            return MemberPartitions.nothingFor(group);
        }
        return group.subscriptionType() == SubscriptionType.HOMOGENEOUS
                ? UniformHomogeneousAssignment.compute(group, topics)
                : UniformHeterogeneousAssignment.compute(group, topics);
    }
}
