package io.shardgate.kinesis.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The output of GetRecords; {@code NextShardIterator} is null at the end of a closed shard, which is when {@code ChildShards} is set. Wire names as in the AWS SDK's GetRecordsOutput. */
public record GetRecordsOutput(
        @JsonProperty("Records") List<Record> records,
        @JsonProperty("NextShardIterator") String nextShardIterator,
        @JsonProperty("MillisBehindLatest") Long millisBehindLatest,
        @JsonProperty("ChildShards") List<ChildShard> childShards) {}
