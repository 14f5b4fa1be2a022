package io.shardgate.kafka.api;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.apache.kafka.common.message.DescribeLogDirsRequestData.DescribableLogDirTopic;
import org.apache.kafka.common.message.DescribeLogDirsResponseData;
import org.apache.kafka.common.message.DescribeLogDirsResponseData.DescribeLogDirsPartition;
import org.apache.kafka.common.message.DescribeLogDirsResponseData.DescribeLogDirsResult;
import org.apache.kafka.common.message.DescribeLogDirsResponseData.DescribeLogDirsTopic;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.DescribeLogDirsRequest;

import io.shardgate.kafka.mapping.TopicMapping;
import io.shardgate.store.Shard;
import io.shardgate.store.ShardStore;
import io.shardgate.store.Stream;

/**
 * DescribeLogDirs ({@code kafka-log-dirs}, {@code Admin.describeLogDirs}): one log directory, the store's data
 * directory, holding every partition; its size in bytes, no replica lag, and the file system's total and usable bytes.
 * No topic list means every topic; unknown topics and partitions are left out, as Kafka leaves them out.
 */
public final class DescribeLogDirsApi implements KafkaApi<DescribeLogDirsRequest> {

    private final ShardStore store;
    private final Path logDir;

    public DescribeLogDirsApi(ShardStore store, Path logDir) {
        this.store = store;
        this.logDir = logDir.toAbsolutePath().normalize();
    }

    @Override
    public ApiKeys key() {
        return ApiKeys.DESCRIBE_LOG_DIRS;
    }

    @Override
    public short minVersion() {
        return 1;
    }

    @Override
    public short maxVersion() {
        return 5;
    }

    @Override
    public CompletionStage<DescribeLogDirsResponseData> handle(RequestContext context, DescribeLogDirsRequest request) {
        DescribeLogDirsResult result =
                new DescribeLogDirsResult().setErrorCode(Errors.NONE.code()).setLogDir(logDir.toString());
        List<CompletableFuture<?>> work = new ArrayList<>();
        work.add(CompletableFuture.runAsync(() -> space(result))); // statfs: file I/O, off the event loop
        if (request.data().topics() == null) {
            for (Stream stream : store.streams()) {
                describe(stream, stream.shards().stream().map(Shard::index).toList(), result, work);
            }
        } else {
            for (DescribableLogDirTopic topic : request.data().topics()) {
                store.stream(topic.topic())
                        .ifPresent(stream -> describe(
                                stream,
                                topic.partitions().stream()
                                        .filter(p -> TopicMapping.hasPartition(stream, p))
                                        .toList(),
                                result,
                                work));
            }
        }
        return CompletableFuture.allOf(work.toArray(CompletableFuture[]::new)).thenApply(done -> {
            for (DescribeLogDirsTopic topic : result.topics()) {
                topic.partitions().removeIf(partition -> partition.partitionSize() < 0);
            }
            result.topics().removeIf(topic -> topic.partitions().isEmpty());
            DescribeLogDirsResponseData response =
                    new DescribeLogDirsResponseData().setThrottleTimeMs(0).setErrorCode(Errors.NONE.code());
            response.results().add(result);
            return response;
        });
    }

    /** Adds the partitions in order; their sizes arrive later, and a partition gone meanwhile is left out. */
    private void describe(
            Stream stream, List<Integer> partitions, DescribeLogDirsResult out, List<CompletableFuture<?>> work) {
        DescribeLogDirsTopic topic = new DescribeLogDirsTopic().setName(stream.name());
        out.topics().add(topic);
        for (int partition : partitions) {
            DescribeLogDirsPartition entry = new DescribeLogDirsPartition()
                    .setPartitionIndex(partition)
                    .setPartitionSize(-1)
                    .setOffsetLag(0)
                    .setIsFutureKey(false);
            topic.partitions().add(entry);
            work.add(store.sizeInBytes(TopicMapping.shard(stream, partition))
                    .handle((bytes, failure) -> entry.setPartitionSize(failure == null ? bytes : -1))
                    .toCompletableFuture());
        }
    }

    private void space(DescribeLogDirsResult result) {
        try {
            FileStore files = Files.getFileStore(logDir);
            result.setTotalBytes(files.getTotalSpace()).setUsableBytes(files.getUsableSpace());
        } catch (IOException e) {
            result.setTotalBytes(-1).setUsableBytes(-1);
        }
    }
}
