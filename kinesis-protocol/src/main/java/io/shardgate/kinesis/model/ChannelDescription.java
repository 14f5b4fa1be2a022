package io.shardgate.kinesis.model;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A channel as CreateChannel, DescribeChannel and UpdateChannel show it; exactly one of the two destinations is set. Wire names as in the AWS SDK's ChannelDescription. */
public record ChannelDescription(
        @JsonProperty("ChannelName") String channelName,
        @JsonProperty("ChannelARN") String channelArn,
        @JsonProperty("ChannelId") String channelId,
        @JsonProperty("ChannelStatus") String channelStatus,
        @JsonProperty("ChannelStatusReason") String channelStatusReason,
        @JsonProperty("ChannelCreationTimestamp") Instant channelCreationTimestamp,
        @JsonProperty("ServiceExecutionRoleARN") String serviceExecutionRoleArn,
        @JsonProperty("StreamConfigurationList") List<ChannelStreamDescription> streamConfigurationList,
        @JsonProperty("S3DestinationConfiguration") S3DestinationDescription s3DestinationConfiguration,

        @JsonProperty("S3TablesDestinationConfiguration")
        S3TablesDestinationDescription s3TablesDestinationConfiguration,

        @JsonProperty("EncryptionConfiguration") ChannelEncryptionConfiguration encryptionConfiguration,
        @JsonProperty("LoggingConfiguration") ChannelLoggingConfiguration loggingConfiguration) {}
