package io.shardgate.kinesis.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One event of a SubscribeToShard event stream: the records since the last event (possibly none), where to continue
 * ({@code ContinuationSequenceNumber}), how far behind the tip the subscription is, and at the end of a closed shard
 * its children. The end event has children and no continuation (null, so left out on the wire), as on AWS: there is
 * nothing left to continue from, and the KCL takes an end event with a continuation for an invalid one. Wire names as
 * in the AWS SDK's SubscribeToShardEvent.
 */
public record SubscribeToShardEvent(
        @JsonProperty("Records") List<Record> records,
        @JsonProperty("ContinuationSequenceNumber") String continuationSequenceNumber,
        @JsonProperty("MillisBehindLatest") long millisBehindLatest,
        @JsonProperty("ChildShards") List<ChildShard> childShards) {}
