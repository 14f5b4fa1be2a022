package io.shardgate.kinesis.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The warm throughput of an on-demand stream, in MiB/s: the target asked for and what the stream is scaled to now.
 * Wire names as in the AWS SDK's WarmThroughputObject.
 */
public record WarmThroughputObject(
        @JsonProperty("TargetMiBps") Integer targetMiBps,
        @JsonProperty("CurrentMiBps") Integer currentMiBps) {}
