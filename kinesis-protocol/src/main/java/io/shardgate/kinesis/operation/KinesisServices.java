package io.shardgate.kinesis.operation;

import java.time.Clock;
import java.util.Objects;

import io.shardgate.kinesis.KinesisListenerConfig;
import io.shardgate.kinesis.mapping.ShardIterators;
import io.shardgate.kinesis.mapping.StreamArns;
import io.shardgate.store.ShardStore;
import io.shardgate.store.limits.Limits;

/**
 * What the operations share: the store, the iterator sealer, the clock and the listener's settings.
 *
 * @param store the shard store; every call is asynchronous
 * @param iterators seals and opens shard iterators
 * @param clock the time of status changes, iterators and timestamps
 * @param config the listener's settings (region, account, status delay)
 * @param limits the budget ledger shared with the Kafka side (DESIGN.md D8)
 */
public record KinesisServices(
        ShardStore store, ShardIterators iterators, Clock clock, KinesisListenerConfig config, Limits limits) {
    public KinesisServices {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(iterators, "iterators");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(limits, "limits");
    }

    /** Services without budgets unless a stream asks for them ({@link Limits#unlimited()}). */
    public KinesisServices(ShardStore store, ShardIterators iterators, Clock clock, KinesisListenerConfig config) {
        this(store, iterators, clock, config, Limits.unlimited());
    }

    public StreamArns arns() {
        return new StreamArns(config.region(), config.accountId());
    }

    public String accountId() {
        return config.accountId();
    }
}
