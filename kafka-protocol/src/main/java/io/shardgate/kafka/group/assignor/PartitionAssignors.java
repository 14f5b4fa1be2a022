package io.shardgate.kafka.group.assignor;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The server-side assignors a {@code group.protocol=consumer} group can ask for with {@code group.remote.assignor},
 * as Kafka's {@code group.consumer.assignors} default lists them: {@code uniform} (the default) and {@code range}.
 */
public final class PartitionAssignors {

    /** The assignor used when a member names none: {@value}. */
    public static final String DEFAULT_NAME = UniformAssignor.NAME;

    private static final Map<String, PartitionAssignor> BY_NAME = byName(new UniformAssignor(), new RangeAssignor());

    private PartitionAssignors() {}

    /** The assignor with exactly this name (names are case-sensitive, as in Kafka), or empty. */
    public static Optional<PartitionAssignor> byName(String name) {
        return Optional.ofNullable(name).map(BY_NAME::get);
    }

    /** The {@value #DEFAULT_NAME} assignor. */
    public static PartitionAssignor defaultAssignor() {
        return BY_NAME.get(DEFAULT_NAME);
    }

    /** The names of all assignors, the default first. */
    public static Set<String> names() {
        return BY_NAME.keySet();
    }

    private static Map<String, PartitionAssignor> byName(PartitionAssignor... assignors) {
        Map<String, PartitionAssignor> map = new LinkedHashMap<>();
        for (PartitionAssignor assignor : assignors) {
            map.put(assignor.name(), assignor);
        }
        return Collections.unmodifiableMap(map);
    }
}
