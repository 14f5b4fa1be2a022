package io.shardgate.kinesis.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The input of StartStreamEncryption. Wire names as in the AWS SDK's StartStreamEncryptionRequest. */
public record StartStreamEncryptionInput(
        @JsonProperty("StreamName") String streamName,
        @JsonProperty("EncryptionType") String encryptionType,
        @JsonProperty("KeyId") String keyId,
        @JsonProperty("StreamARN") String streamArn) {}
