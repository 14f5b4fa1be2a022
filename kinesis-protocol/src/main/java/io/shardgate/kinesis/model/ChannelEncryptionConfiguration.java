package io.shardgate.kinesis.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The KMS key a channel would encrypt delivered data with ({@code EncryptionType} {@code KMS}). Wire names as in the AWS SDK's ChannelEncryptionConfiguration. */
public record ChannelEncryptionConfiguration(
        @JsonProperty("EncryptionType") String encryptionType,
        @JsonProperty("KeyId") String keyId) {}
