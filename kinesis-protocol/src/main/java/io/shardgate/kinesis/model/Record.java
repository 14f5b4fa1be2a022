package io.shardgate.kinesis.model;

import java.nio.ByteBuffer;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A record as GetRecords returns it. Wire names as in the AWS SDK's Record. The data is a view of the bytes read (its
 * remaining bytes), written to the response without a copy of its own.
 */
public record Record(
        @JsonProperty("SequenceNumber") String sequenceNumber,
        @JsonProperty("ApproximateArrivalTimestamp") Instant approximateArrivalTimestamp,
        @JsonProperty("Data") ByteBuffer data,
        @JsonProperty("PartitionKey") String partitionKey,
        @JsonProperty("EncryptionType") String encryptionType) {

    @Override
    public String toString() {
        return "Record[" + "sequenceNumber=" + sequenceNumber + ", " + "approximateArrivalTimestamp="
                + approximateArrivalTimestamp + ", " + "data=" + (data == null ? "null" : data.remaining() + " bytes")
                + ", " + "partitionKey=" + partitionKey + ", " + "encryptionType=" + encryptionType + "]";
    }
}
