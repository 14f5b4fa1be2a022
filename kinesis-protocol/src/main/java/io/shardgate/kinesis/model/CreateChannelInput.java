package io.shardgate.kinesis.model;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The input of CreateChannel. Wire names as in the AWS SDK's CreateChannelRequest. */
public record CreateChannelInput(
        @JsonProperty("ChannelName") String channelName,
        @JsonProperty("ServiceExecutionRoleARN") String serviceExecutionRoleArn,
        @JsonProperty("StreamConfigurationList") List<ChannelStreamConfiguration> streamConfigurationList,
        @JsonProperty("S3DestinationConfiguration") S3DestinationConfiguration s3DestinationConfiguration,

        @JsonProperty("S3TablesDestinationConfiguration")
        S3TablesDestinationConfiguration s3TablesDestinationConfiguration,

        @JsonProperty("EncryptionConfiguration") ChannelEncryptionConfiguration encryptionConfiguration,
        @JsonProperty("Tags") Map<String, String> tags,
        @JsonProperty("LoggingConfiguration") ChannelLoggingConfiguration loggingConfiguration) {}
