package io.shardgate.kinesis.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The format of a channel's source records ({@code JSON}, {@code GSR_JSON}, {@code STRING}, {@code BYTE_ARRAY}). Wire names as in the AWS SDK's RecordConfiguration. */
public record RecordConfiguration(
        @JsonProperty("RecordFormatType") String recordFormatType,
        @JsonProperty("GSRSchemaARN") String gsrSchemaArn) {}
