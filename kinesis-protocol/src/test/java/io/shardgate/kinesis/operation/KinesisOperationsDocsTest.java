package io.shardgate.kinesis.operation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.shardgate.kinesis.KinesisListenerConfig;
import io.shardgate.kinesis.mapping.ShardIterators;
import io.shardgate.store.ShardStore;

/**
 * Keeps the Kinesis table of {@code docs/compatibility.md} in step with the code: every operation served has its row,
 * saying yes or partial, and the table has no row for an operation that is not served.
 */
class KinesisOperationsDocsTest {

    private static final Path DOCS = Path.of("..", "docs", "compatibility.md");

    /** {@code | CreateStream | yes | Kinesis API | note |}. */
    private static final Pattern ROW =
            Pattern.compile("^\\| ([A-Z][A-Za-z]+) \\| (yes|partial|not yet|not planned) \\|.*$");

    @Test
    void shouldListEveryOperationWithItsStatusWhenTheDocsDescribeTheApi() throws IOException {
        // Given the table's rows under "## Kinesis operations"
        Map<String, String> documented = new LinkedHashMap<>();
        boolean inKinesis = false;
        for (String line : Files.readAllLines(DOCS)) {
            if (line.startsWith("## ")) {
                inKinesis = line.equals("## Kinesis operations");
            }
            Matcher row = ROW.matcher(line);
            if (inKinesis && row.matches()) {
                documented.put(row.group(1), row.group(2));
            }
        }
        KinesisOperations operations = new KinesisOperations(new KinesisServices(
                (ShardStore) java.lang.reflect.Proxy.newProxyInstance(
                        ShardStore.class.getClassLoader(), new Class<?>[] {ShardStore.class}, (proxy, method, args) -> {
                            throw new UnsupportedOperationException(method.getName());
                        }),
                new ShardIterators(new byte[32], Clock.systemUTC()),
                Clock.systemUTC(),
                KinesisListenerConfig.defaults()));

        // When
        Set<String> all = new TreeSet<>(operations.names());

        // Then
        assertThat(documented.keySet()).containsExactlyInAnyOrderElementsOf(all);
        operations
                .names()
                .forEach(name -> assertThat(documented.get(name)).as(name).isIn("yes", "partial"));
        assertThat(all).hasSize(45);
    }
}
