package io.shardgate.kinesis.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import io.shardgate.kinesis.KinesisError;
import io.shardgate.kinesis.KinesisException;
import io.shardgate.store.HashKeyRange;
import io.shardgate.store.Shard;
import io.shardgate.store.ShardState;
import io.shardgate.store.Stream;
import io.shardgate.store.StreamOrigin;
import io.shardgate.store.StreamSettings;

class HashKeyRouterTest {

    @Example
    void md5MatchesKnownVectors() {
        // printf '%s' KEY | md5sum, read as an unsigned big-endian integer
        assertThat(HashKeyRouter.hashKey("")).isEqualTo(new BigInteger("d41d8cd98f00b204e9800998ecf8427e", 16));
        assertThat(HashKeyRouter.hashKey("")).isEqualTo(new BigInteger("281949768489412648962353822266799178366"));
        assertThat(HashKeyRouter.hashKey("a")).isEqualTo(new BigInteger("16955237001963240173058271559858726497"));
        assertThat(HashKeyRouter.hashKey("partition-key-1"))
                .isEqualTo(new BigInteger("1919e33a21e68e961f03b16ba66b2376", 16));
        // UTF-8 bytes, not UTF-16 or Latin-1
        assertThat(HashKeyRouter.hashKey("ü")).isEqualTo(new BigInteger("c03410a5204b21cd8229ff754688d743", 16));
    }

    @Example
    void explicitHashKeyOverridesThePartitionKey() {
        assertThat(HashKeyRouter.hashKey("a", "42")).isEqualTo(BigInteger.valueOf(42));
        assertThat(HashKeyRouter.hashKey("a", null)).isEqualTo(HashKeyRouter.hashKey("a"));
    }

    @Example
    void explicitHashKeyBounds() {
        assertThat(HashKeyRouter.parseExplicitHashKey("0")).isZero();
        assertThat(HashKeyRouter.parseExplicitHashKey(HashKeyRange.MAX.toString()))
                .isEqualTo(HashKeyRange.MAX);
        String tooBig = BigInteger.ONE.shiftLeft(128).toString();
        assertThatThrownBy(() -> HashKeyRouter.parseExplicitHashKey(tooBig))
                .isInstanceOfSatisfying(KinesisException.class, e -> {
                    assertThat(e.error()).isEqualTo(KinesisError.INVALID_ARGUMENT);
                    assertThat(e.getMessage())
                            .isEqualTo("Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]."
                                    + " Specified value was " + tooBig);
                });
    }

    @Example
    void malformedExplicitHashKeysAreValidationErrors() {
        for (String bad : new String[] {"", "01", "-1", "1e5", "1".repeat(40)}) {
            assertThatThrownBy(() -> HashKeyRouter.parseExplicitHashKey(bad, "records.1.member.explicitHashKey"))
                    .isInstanceOfSatisfying(KinesisException.class, e -> {
                        assertThat(e.error()).isEqualTo(KinesisError.VALIDATION);
                        assertThat(e.getMessage())
                                .isEqualTo("1 validation error detected: Value '" + bad
                                        + "' at 'records.1.member.explicitHashKey' failed to satisfy constraint:"
                                        + " Member must satisfy regular expression pattern: 0|([1-9]\\d{0,38})");
                    });
        }
    }

    @Example
    void rangeBoundariesRouteToTheirShard() {
        Stream stream = stream(uniformShards(7, 0));
        for (Shard shard : stream.shards()) {
            assertThat(HashKeyRouter.route(stream, shard.range().start())).isEqualTo(shard);
            assertThat(HashKeyRouter.route(stream, shard.range().end())).isEqualTo(shard);
        }
    }

    @Example
    void refusesKeysOutsideTheSpace() {
        Stream stream = stream(uniformShards(2, 0));
        assertThatThrownBy(() -> HashKeyRouter.route(stream, BigInteger.ONE.negate()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HashKeyRouter.route(stream, HashKeyRange.MAX.add(BigInteger.ONE)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Every hash key of a uniform split lies in exactly one open shard, and that is the one chosen. */
    @Property
    void everyKeyHasExactlyOneOpenShard(
            @ForAll @IntRange(min = 1, max = 64) int shardCount,
            @ForAll @IntRange(min = 0, max = 3) int closedParents,
            @ForAll("hashKeys") BigInteger hashKey) {
        Stream stream = stream(uniformShards(shardCount, closedParents));
        List<Shard> containing = stream.openShards().stream()
                .filter(s -> s.range().contains(hashKey))
                .toList();
        assertThat(containing).hasSize(1);
        Shard routed = HashKeyRouter.route(stream, hashKey);
        assertThat(routed).isEqualTo(containing.get(0));
        assertThat(routed.isOpen()).isTrue();
    }

    @Property
    void partitionKeysRouteToAnOpenShardContainingTheirMd5(
            @ForAll @IntRange(min = 1, max = 16) int shardCount, @ForAll String partitionKey) {
        Stream stream = stream(uniformShards(shardCount, 1));
        Shard routed = HashKeyRouter.route(stream, HashKeyRouter.hashKey(partitionKey));
        assertThat(routed.isOpen()).isTrue();
        assertThat(routed.range().contains(HashKeyRouter.hashKey(partitionKey))).isTrue();
    }

    @Provide
    Arbitrary<BigInteger> hashKeys() {
        return Arbitraries.oneOf(
                Arbitraries.bigIntegers().between(BigInteger.ZERO, HashKeyRange.MAX),
                Arbitraries.of(BigInteger.ZERO, BigInteger.ONE, HashKeyRange.MAX, HashKeyRange.MAX.shiftRight(1)));
    }

    /** {@code closedParents} closed shards covering the whole space, then {@code count} open ones split uniformly. */
    private static List<Shard> uniformShards(int count, int closedParents) {
        List<Shard> shards = new ArrayList<>();
        HashKeyRange whole = new HashKeyRange(BigInteger.ZERO, HashKeyRange.MAX);
        for (int i = 0; i < closedParents; i++) {
            shards.add(shard(i, whole, ShardState.OPEN).closed(2_000, 10));
        }
        List<HashKeyRange> ranges = HashKeyRange.uniform(count);
        for (int i = 0; i < count; i++) {
            shards.add(shard(closedParents + i, ranges.get(i), ShardState.OPEN));
        }
        return shards;
    }

    private static Shard shard(int index, HashKeyRange range, ShardState state) {
        return new Shard(
                index,
                range,
                OptionalInt.empty(),
                OptionalInt.empty(),
                state,
                1_000,
                OptionalLong.empty(),
                OptionalLong.empty());
    }

    private static Stream stream(List<Shard> shards) {
        return new Stream("orders", StreamOrigin.KINESIS, UUID.randomUUID(), 1_000, StreamSettings.defaults(), shards);
    }
}
