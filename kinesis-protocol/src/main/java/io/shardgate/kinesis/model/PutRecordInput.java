package io.shardgate.kinesis.model;

import java.util.Arrays;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The input of PutRecord. Wire names as in the AWS SDK's PutRecordInput. */
public record PutRecordInput(
        @JsonProperty("StreamName") String streamName,
        @JsonProperty("Data") byte[] data,
        @JsonProperty("PartitionKey") String partitionKey,
        @JsonProperty("ExplicitHashKey") String explicitHashKey,
        @JsonProperty("SequenceNumberForOrdering") String sequenceNumberForOrdering,
        @JsonProperty("StreamARN") String streamArn,
        @JsonProperty("DryRun") Boolean dryRun) {

    @Override
    public boolean equals(Object o) {
        return o instanceof PutRecordInput other
                && java.util.Objects.equals(streamName, other.streamName)
                && Arrays.equals(data, other.data)
                && java.util.Objects.equals(partitionKey, other.partitionKey)
                && java.util.Objects.equals(explicitHashKey, other.explicitHashKey)
                && java.util.Objects.equals(sequenceNumberForOrdering, other.sequenceNumberForOrdering)
                && java.util.Objects.equals(streamArn, other.streamArn)
                && java.util.Objects.equals(dryRun, other.dryRun);
    }

    @Override
    public int hashCode() {
        return 31
                        * java.util.Objects.hash(
                                streamName, partitionKey, explicitHashKey, sequenceNumberForOrdering, streamArn, dryRun)
                + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "PutRecordInput[" + "streamName=" + streamName + ", " + "data="
                + (data == null ? "null" : data.length + " bytes") + ", " + "partitionKey=" + partitionKey + ", "
                + "explicitHashKey=" + explicitHashKey + ", " + "sequenceNumberForOrdering=" + sequenceNumberForOrdering
                + ", " + "streamArn=" + streamArn + ", dryRun=" + dryRun + "]";
    }
}
