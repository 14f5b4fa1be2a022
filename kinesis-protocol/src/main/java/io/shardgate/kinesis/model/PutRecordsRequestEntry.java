package io.shardgate.kinesis.model;

import java.util.Arrays;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One record of a PutRecords call. Wire names as in the AWS SDK's PutRecordsRequestEntry. */
public record PutRecordsRequestEntry(
        @JsonProperty("Data") byte[] data,
        @JsonProperty("ExplicitHashKey") String explicitHashKey,
        @JsonProperty("PartitionKey") String partitionKey) {

    @Override
    public boolean equals(Object o) {
        return o instanceof PutRecordsRequestEntry other
                && Arrays.equals(data, other.data)
                && java.util.Objects.equals(explicitHashKey, other.explicitHashKey)
                && java.util.Objects.equals(partitionKey, other.partitionKey);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Objects.hash(explicitHashKey, partitionKey) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "PutRecordsRequestEntry[" + "data=" + (data == null ? "null" : data.length + " bytes") + ", "
                + "explicitHashKey=" + explicitHashKey + ", " + "partitionKey=" + partitionKey + "]";
    }
}
