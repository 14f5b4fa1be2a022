package io.shardgate.kinesis.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A streaming table on Apache Iceberg a channel would write. Wire names as in the AWS SDK's S3TablesConfiguration. */
public record S3TablesConfiguration(
        @JsonProperty("TableBucketARN") String tableBucketArn,
        @JsonProperty("Namespace") String namespace,
        @JsonProperty("TableName") String tableName,
        @JsonProperty("CompressionType") String compressionType,
        @JsonProperty("PartitionSpec") PartitionSpec partitionSpec) {}
