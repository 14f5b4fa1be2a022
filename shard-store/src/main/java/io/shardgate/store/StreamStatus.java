package io.shardgate.store;

/** The life-cycle status shown to clients; the store records it, the protocols drive it. */
public enum StreamStatus {
    CREATING,
    ACTIVE,
    UPDATING,
    DELETING
}
