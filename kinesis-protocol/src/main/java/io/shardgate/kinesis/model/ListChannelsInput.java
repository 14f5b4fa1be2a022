package io.shardgate.kinesis.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The input of ListChannels. Wire names as in the AWS SDK's ListChannelsRequest. */
public record ListChannelsInput(
        @JsonProperty("StreamFilter") List<StreamFilter> streamFilter,
        @JsonProperty("MaxResults") Integer maxResults,
        @JsonProperty("NextToken") String nextToken) {}
