package io.shardgate.kinesis.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a streaming table is partitioned. Wire names as in the AWS SDK's PartitionSpec. */
public record PartitionSpec(@JsonProperty("PartitionFields") List<PartitionField> partitionFields) {}
