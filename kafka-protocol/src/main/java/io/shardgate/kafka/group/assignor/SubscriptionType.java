package io.shardgate.kafka.group.assignor;

/** Whether every member of a group subscribes to the same topics; the assignors pick their algorithm from it. */
public enum SubscriptionType {
    /** Every member subscribes to the same topics. */
    HOMOGENEOUS,
    /** At least two members subscribe to different topics (or the caller counts them as different). */
    HETEROGENEOUS
}
