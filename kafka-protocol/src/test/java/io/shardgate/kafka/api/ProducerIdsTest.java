package io.shardgate.kafka.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;

class ProducerIdsTest {

    @Test
    void shouldHandOutIdsFromReservedBlocksAndReserveTheNextWhenOneRunsOut() {
        // Given a sequence that hands out blocks starting at 5000, then 9000
        List<Integer> requested = new ArrayList<>();
        long[] starts = {5000, 9000};
        ProducerIds ids = new ProducerIds(count -> {
            requested.add(count);
            return CompletableFuture.completedFuture(starts[requested.size() - 1]);
        });

        // When one more id than a block holds is taken
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i <= ProducerIds.BLOCK_SIZE; i++) {
            seen.add(ids.next().toCompletableFuture().join());
        }

        // Then two blocks were reserved and every id is distinct
        assertThat(requested).containsExactly(ProducerIds.BLOCK_SIZE, ProducerIds.BLOCK_SIZE);
        assertThat(seen).hasSize(ProducerIds.BLOCK_SIZE + 1).contains(5000L, 5999L, 9000L);
    }

    @Test
    void shouldWaitForAPendingBlockWithoutReservingTwice() {
        // Given a reservation that has not completed yet
        CompletableFuture<Long> block = new CompletableFuture<>();
        List<Integer> requested = new ArrayList<>();
        ProducerIds ids = new ProducerIds(count -> {
            requested.add(count);
            return block;
        });

        // When two callers ask while it is pending
        CompletionStage<Long> first = ids.next();
        CompletionStage<Long> second = ids.next();
        assertThat(first.toCompletableFuture()).isNotDone();
        block.complete(0L);

        // Then both get distinct ids from the one block
        assertThat(requested).hasSize(1);
        assertThat(List.of(
                        first.toCompletableFuture().join(),
                        second.toCompletableFuture().join()))
                .containsExactlyInAnyOrder(0L, 1L);
    }
}
