package io.shardgate.kinesis.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The input of StopStreamEncryption. Wire names as in the AWS SDK's StopStreamEncryptionRequest. */
public record StopStreamEncryptionInput(
        @JsonProperty("StreamName") String streamName,
        @JsonProperty("EncryptionType") String encryptionType,
        @JsonProperty("KeyId") String keyId,
        @JsonProperty("StreamARN") String streamArn) {}
