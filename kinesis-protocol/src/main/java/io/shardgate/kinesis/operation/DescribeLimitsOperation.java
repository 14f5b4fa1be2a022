package io.shardgate.kinesis.operation;

import java.util.concurrent.CompletionStage;

import io.shardgate.kinesis.model.DescribeLimitsInput;
import io.shardgate.kinesis.model.DescribeLimitsOutput;
import io.shardgate.store.Stream;

/**
 * DescribeLimits: the open shards of every stream of the store (Kafka topics too, as ListStreams lists them) and the
 * number of {@code ON_DEMAND} streams, counted from the catalog in memory. {@code ShardLimit} is the quota in force:
 * {@code limits.shardQuota} when the gateway's default limits profile is a Kinesis one (D8), else {@value #NO_LIMIT},
 * the most {@code ShardCountObject} allows. No on-demand stream quota is enforced, so {@code OnDemandStreamCountLimit}
 * is {@value #NO_LIMIT}. {@code ChannelCount} is the number of channels in the account (any status, until gone; read
 * from the store, ADR 0019); no account quota of channels is enforced (AWS bounds them by the on-demand stream quota,
 * two per stream, and the gateway keeps the per-stream one), so {@code ChannelCountLimit} is {@value #NO_LIMIT}.
 */
public final class DescribeLimitsOperation implements KinesisOperation<DescribeLimitsInput, DescribeLimitsOutput> {

    /** The limit reported for quotas that are not enforced: the spec's maximum. */
    public static final int NO_LIMIT = 1_000_000;

    private final KinesisServices services;

    public DescribeLimitsOperation(KinesisServices services) {
        this.services = services;
    }

    @Override
    public String name() {
        return "DescribeLimits";
    }

    @Override
    public Class<DescribeLimitsInput> inputType() {
        return DescribeLimitsInput.class;
    }

    @Override
    public CompletionStage<DescribeLimitsOutput> execute(DescribeLimitsInput input, RequestContext context) {
        long openShards = 0;
        int onDemand = 0;
        for (Stream stream : services.store().streams()) {
            openShards += stream.openShards().size();
            if ("ON_DEMAND".equals(Streams.mode(stream))) {
                onDemand++;
            }
        }
        int shardLimit = services.limits().defaultProfile().budgeted()
                ? services.limits().shardQuota()
                : NO_LIMIT;
        int openShardCount = (int) Math.min(NO_LIMIT, openShards);
        int onDemandStreams = onDemand;
        return Channels.all(services)
                .thenApply(channels -> new DescribeLimitsOutput(
                        shardLimit, openShardCount, onDemandStreams, NO_LIMIT, channels.size(), NO_LIMIT));
    }
}
