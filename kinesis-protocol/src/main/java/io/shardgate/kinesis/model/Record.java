package io.shardgate.kinesis.model;

import java.time.Instant;
import java.util.Arrays;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A record as GetRecords returns it. Wire names as in the AWS SDK's Record. */
public record Record(
        @JsonProperty("SequenceNumber") String sequenceNumber,
        @JsonProperty("ApproximateArrivalTimestamp") Instant approximateArrivalTimestamp,
        @JsonProperty("Data") byte[] data,
        @JsonProperty("PartitionKey") String partitionKey,
        @JsonProperty("EncryptionType") String encryptionType) {

    @Override
    public boolean equals(Object o) {
        return o instanceof Record other
                && java.util.Objects.equals(sequenceNumber, other.sequenceNumber)
                && java.util.Objects.equals(approximateArrivalTimestamp, other.approximateArrivalTimestamp)
                && Arrays.equals(data, other.data)
                && java.util.Objects.equals(partitionKey, other.partitionKey)
                && java.util.Objects.equals(encryptionType, other.encryptionType);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Objects.hash(sequenceNumber, approximateArrivalTimestamp, partitionKey, encryptionType)
                + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Record[" + "sequenceNumber=" + sequenceNumber + ", " + "approximateArrivalTimestamp="
                + approximateArrivalTimestamp + ", " + "data=" + (data == null ? "null" : data.length + " bytes") + ", "
                + "partitionKey=" + partitionKey + ", " + "encryptionType=" + encryptionType + "]";
    }
}
