package io.shardgate.kafka.group.assignor;

/**
 * An assignment cannot be computed from the input: a member subscribes to a topic that the topic metadata does not
 * know. Kafka's coordinator raises {@code PartitionAssignorException} in the same cases.
 */
public class AssignmentException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AssignmentException(String message) {
        super(message);
    }
}
