package io.shardgate.kinesis.operation;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.shardgate.kinesis.mapping.HashKeyRouter;
import io.shardgate.kinesis.mapping.KinesisRecords;
import io.shardgate.kinesis.mapping.KinesisRecords.Outgoing;
import io.shardgate.kinesis.mapping.SequenceNumbers;
import io.shardgate.store.AppendResult;
import io.shardgate.store.Shard;
import io.shardgate.store.ShardRef;
import io.shardgate.store.Stream;
import io.shardgate.store.limits.Limits;

/**
 * Routes Kinesis records to shards (MD5 of the partition key or the explicit hash key, via {@link HashKeyRouter})
 * and appends one batch per target shard, all shards in parallel. Each record's outcome is data: its sequence number
 * or the failure of its shard's append. On a stream with budgets (D8) each record, in request order, first draws on
 * its shard's write budget; a record that does not fit is not written and its outcome is AWS's
 * {@code ProvisionedThroughputExceededException}, while the records that fit are appended.
 */
final class ShardAppender {

    private ShardAppender() {}

    /** The outcome of one record: the shard it went to and either its sequence number or a failure. */
    record Outcome(Shard shard, String sequenceNumber, Throwable failure) {}

    /** Appends {@code records} (hash keys already computed, in request order); completes with outcomes in order. */
    static CompletionStage<List<Outcome>> append(
            KinesisServices services, Stream stream, List<Outgoing> records, List<BigInteger> hashKeys) {
        // Records by shard index, shards in the order their first record came; on a stream with budgets, only the
        // records that fit their shard's write budget.
        Map<Integer, List<Integer>> byShard = new LinkedHashMap<>();
        Outcome[] outcomes = new Outcome[records.size()];
        boolean budgeted = Limits.budgeted(stream);
        for (int i = 0; i < records.size(); i++) {
            Shard shard = HashKeyRouter.route(stream, hashKeys.get(i));
            if (budgeted && !services.limits().tryWrite(stream, shard.index(), Throttling.writeBytes(records.get(i)))) {
                outcomes[i] = new Outcome(shard, null, Throttling.shardRate(services, stream, shard.index()));
                continue;
            }
            byShard.computeIfAbsent(shard.index(), index -> new ArrayList<>()).add(i);
        }
        long now = services.clock().millis();
        List<CompletableFuture<Void>> appends = new ArrayList<>();
        for (Map.Entry<Integer, List<Integer>> entry : byShard.entrySet()) {
            Shard shard = stream.shard(entry.getKey());
            List<Integer> indexes = entry.getValue();
            List<Outgoing> batch = new ArrayList<>(indexes.size());
            for (int index : indexes) {
                batch.add(records.get(index));
            }
            CompletionStage<AppendResult> appended;
            try {
                appended = services.store()
                        .append(new ShardRef(stream.name(), shard.index()), KinesisRecords.batch(batch, now));
            } catch (RuntimeException e) {
                appended = CompletableFuture.failedFuture(e);
            }
            appends.add(appended.handle((result, failure) -> {
                        SequenceNumbers.Encoder sequenceNumbers =
                                failure == null ? SequenceNumbers.encoder(shard) : null;
                        for (int j = 0; j < indexes.size(); j++) {
                            outcomes[indexes.get(j)] = failure == null
                                    ? new Outcome(shard, sequenceNumbers.encode(result.baseOffset() + j), null)
                                    : new Outcome(shard, null, failure);
                        }
                        return (Void) null;
                    })
                    .toCompletableFuture());
        }
        return CompletableFuture.allOf(appends.toArray(CompletableFuture[]::new))
                .thenApply(done -> List.of(outcomes));
    }
}
