package io.shardgate.kinesis.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The output of ListStreams. Wire names as in the AWS SDK's ListStreamsOutput. */
public record ListStreamsOutput(
        @JsonProperty("StreamNames") List<String> streamNames,
        @JsonProperty("HasMoreStreams") boolean hasMoreStreams,
        @JsonProperty("NextToken") String nextToken,
        @JsonProperty("StreamSummaries") List<StreamSummary> streamSummaries) {}
