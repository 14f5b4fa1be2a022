package io.shardgate.store;

/** The protocol that created a stream, which decides how it may be resharded (DESIGN.md D4). */
public enum StreamOrigin {
    KAFKA,
    KINESIS
}
