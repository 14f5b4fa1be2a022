package io.shardgate.kinesis.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The general purpose S3 bucket a channel would deliver to, and how. Wire names as in the AWS SDK's S3StorageConfiguration. */
public record S3StorageConfiguration(
        @JsonProperty("BucketARN") String bucketArn,
        @JsonProperty("ExpectedBucketOwner") String expectedBucketOwner,
        @JsonProperty("OutputKeyTemplate") String outputKeyTemplate,
        @JsonProperty("StorageClass") String storageClass,
        @JsonProperty("CompressionType") String compressionType) {}
