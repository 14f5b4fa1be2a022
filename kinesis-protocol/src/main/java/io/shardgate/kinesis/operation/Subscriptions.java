package io.shardgate.kinesis.operation;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.shardgate.kinesis.KinesisError;
import io.shardgate.kinesis.KinesisException;

/**
 * The active SubscribeToShard subscriptions of one listener, one per consumer and shard: a second one while the first
 * is active gets AWS's {@code ResourceInUseException}. A subscription leaves when it ends, whoever ended it.
 * Thread-safe.
 */
final class Subscriptions {

    private final ConcurrentMap<String, ShardSubscription> active = new ConcurrentHashMap<>();

    /** The registry key of a consumer's subscription to a shard. */
    static String key(String consumerArn, int shardIndex) {
        return consumerArn + "#" + shardIndex;
    }

    /**
     * Registers {@code subscription} under {@code key}.
     *
     * @throws KinesisException {@code ResourceInUseException} if another subscription holds the key
     */
    void add(String key, ShardSubscription subscription, String message) {
        if (active.putIfAbsent(key, subscription) != null) {
            throw new KinesisException(KinesisError.RESOURCE_IN_USE, message);
        }
    }

    void remove(String key, ShardSubscription subscription) {
        active.remove(key, subscription);
    }

    /** How many subscriptions are active. */
    int size() {
        return active.size();
    }
}
