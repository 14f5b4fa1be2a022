package io.shardgate.kinesis.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The S3 bucket a channel would put undeliverable records in. Wire names as in the AWS SDK's DeadLetterQueueS3Configuration. */
public record DeadLetterQueueS3Configuration(
        @JsonProperty("BucketARN") String bucketArn,
        @JsonProperty("ExpectedBucketOwner") String expectedBucketOwner,
        @JsonProperty("ErrorOutputPrefix") String errorOutputPrefix) {}
