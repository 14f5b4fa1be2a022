package io.shardgate.kinesis.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The input of UpdateChannel. Wire names as in the AWS SDK's UpdateChannelRequest. */
public record UpdateChannelInput(
        @JsonProperty("ChannelARN") String channelArn,
        @JsonProperty("S3DestinationConfiguration") S3DestinationUpdateInput s3DestinationConfiguration,

        @JsonProperty("S3TablesDestinationConfiguration")
        S3TablesDestinationUpdateInput s3TablesDestinationConfiguration,

        @JsonProperty("LoggingConfiguration") ChannelLoggingUpdateInput loggingConfiguration) {}
