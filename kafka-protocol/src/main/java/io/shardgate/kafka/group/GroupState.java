package io.shardgate.kafka.group;

import java.util.Set;

/** The states of a classic group, named as Kafka reports them (DescribeGroups, ListGroups). */
public enum GroupState {
    EMPTY("Empty"),
    PREPARING_REBALANCE("PreparingRebalance"),
    COMPLETING_REBALANCE("CompletingRebalance"),
    STABLE("Stable"),
    DEAD("Dead");

    private final String kafkaName;

    GroupState(String kafkaName) {
        this.kafkaName = kafkaName;
    }

    /** The name on the wire. */
    public String kafkaName() {
        return kafkaName;
    }

    /** Whether a rebalance may start from this state. */
    boolean canRebalance() {
        return Set.of(STABLE, COMPLETING_REBALANCE, EMPTY).contains(this);
    }
}
