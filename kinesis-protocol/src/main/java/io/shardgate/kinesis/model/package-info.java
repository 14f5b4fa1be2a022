/**
 * One immutable record per Kinesis request and response shape, named as in the AWS SDK, with the wire member names
 * spelled out ({@code @JsonProperty("StreamARN")}). Absent members are {@code null}; nothing here validates (see
 * {@code io.shardgate.kinesis.validation}).
 */
package io.shardgate.kinesis.model;
