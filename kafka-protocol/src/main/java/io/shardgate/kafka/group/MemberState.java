package io.shardgate.kafka.group;

/** Where a KIP-848 member stands in its reconciliation towards the group's target assignment (Kafka's names). */
enum MemberState {
    /** The member holds its target partitions at the target assignment epoch. */
    STABLE,
    /** The member must give up partitions before it may move to the next epoch. */
    UNREVOKED_PARTITIONS,
    /** The member is at the target epoch but some of its target partitions are still held by others. */
    UNRELEASED_PARTITIONS
}
