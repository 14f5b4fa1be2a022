package io.shardgate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.shardgate.gateway.Gateway;

/**
 * The AWS CLI ({@code aws kinesis …}, a Python client speaking {@code application/x-amz-json-1.1} over HTTP/1.1: a
 * second implementation of the wire next to the Java SDK) against an in-process gateway: create, wait for
 * {@code ACTIVE}, put (binary data, one record and a batch), read back byte for byte, describe, list, tag, split,
 * merge, update the shard count, an AWS error, delete; and UpdateMaxRecordSize with a record above 1 MiB when the CLI
 * has that command. Works with CLI v1 and v2: blobs inside {@code --records} JSON are raw text for v1 and base64 for
 * v2 (its default {@code --cli-binary-format base64}); {@code fileb://} blobs are raw bytes for both. No config or
 * credentials file of the machine is read. Skipped (JUnit assumption) when {@code aws} is not on the {@code PATH};
 * {@code .ci/run} installs Debian's {@code awscli} when it can.
 */
class AwsCliIT {

    private static final long CLI_TIMEOUT_SECONDS = 60;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;

    @TempDir
    static Path work;

    private static Path aws;
    private static int majorVersion;
    private static Gateway gateway;

    @BeforeAll
    static void start() throws Exception {
        NettyLeaks.install();
        aws = LocalPrograms.onPath("aws").orElse(null);
        if (aws == null) {
            return; // every test is skipped by requireAws, with the reason in the report
        }
        Files.writeString(work.resolve("config"), "");
        Files.writeString(work.resolve("credentials"), "");
        Run version = run(List.of("--version"));
        Matcher matcher = Pattern.compile("aws-cli/(\\d+)\\.").matcher(version.out() + version.err());
        assertThat(matcher.find())
                .as("aws --version: %s%s", version.out(), version.err())
                .isTrue();
        majorVersion = Integer.parseInt(matcher.group(1));
        System.out.println("AwsCliIT: " + (version.out() + version.err()).strip());
        gateway = Gateway.start(ItGateways.config(dataDir));
    }

    @BeforeEach
    void requireAws() {
        assumeTrue(aws != null, "aws is not on the PATH: skipped (.ci/run installs Debian's awscli when it can)");
    }

    @AfterEach
    void noBufferLeaked() {
        NettyLeaks.assertNone();
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void shouldCreatePutReadReshardTagAndDeleteAStream() throws Exception {
        // Given a stream of two shards, once ACTIVE
        String stream = "cli-stream";
        assertThat(kinesis("create-stream", "--stream-name", stream, "--shard-count", "2"))
                .isEmpty();
        JsonNode summary = waitActive(stream);
        assertThat(summary.path("StreamName").asText()).isEqualTo(stream);
        assertThat(summary.path("StreamARN").asText()).isEqualTo(arn(stream));
        assertThat(summary.path("OpenShardCount").asInt()).isEqualTo(2);
        assertThat(summary.path("RetentionPeriodHours").asInt()).isEqualTo(24);

        // When one binary record goes in with put-record, and three with put-records
        byte[] binary = new byte[256];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) i;
        }
        Path blob = work.resolve("binary.bin");
        Files.write(blob, binary);
        JsonNode put = kinesisJson(
                "put-record",
                "--stream-name",
                stream,
                "--partition-key",
                "binary",
                "--data",
                "fileb://" + blob,
                "--explicit-hash-key",
                "0");
        assertThat(put.path("ShardId").asText()).isEqualTo("shardId-000000000000");
        assertThat(put.path("SequenceNumber").asText()).matches("[1-9]\\d{50,}");
        Map<String, byte[]> sent = new LinkedHashMap<>();
        sent.put("binary", binary);
        List<Map<String, String>> entries = new ArrayList<>();
        for (String key : List.of("alpha", "beta", "gamma", "delta")) {
            byte[] data = ("record " + key + " ✓").getBytes(StandardCharsets.UTF_8);
            sent.put(key, data);
            entries.add(Map.of("PartitionKey", key, "Data", blobArgument(data)));
        }
        JsonNode batch =
                kinesisJson("put-records", "--stream-name", stream, "--records", JSON.writeValueAsString(entries));

        // Then every record has a sequence number, and reading both shards from TRIM_HORIZON gives the bytes back
        assertThat(batch.path("FailedRecordCount").asInt(-1)).isZero();
        assertThat(batch.path("Records")).hasSize(4);
        batch.path("Records")
                .forEach(record ->
                        assertThat(record.path("SequenceNumber").asText()).matches("[1-9]\\d{50,}"));
        Map<String, byte[]> read = readAll(stream, List.of("shardId-000000000000", "shardId-000000000001"));
        assertThat(read.keySet()).containsExactlyInAnyOrderElementsOf(sent.keySet());
        sent.forEach((key, data) -> assertThat(read.get(key)).as(key).isEqualTo(data));

        // And describe-stream, list-shards and list-streams show the stream and its shards
        JsonNode description = kinesisJson("describe-stream", "--stream-name", stream);
        assertThat(description.path("StreamDescription").path("StreamStatus").asText())
                .isEqualTo("ACTIVE");
        assertThat(description.path("StreamDescription").path("Shards")).hasSize(2);
        // (the CLI pages through DescribeStream itself and drops HasMoreShards from what it prints)
        assertThat(description.path("StreamDescription").path("HasMoreShards").asBoolean(false))
                .isFalse();
        assertThat(shardIds(kinesisJson("list-shards", "--stream-name", stream)))
                .containsExactly("shardId-000000000000", "shardId-000000000001");
        List<String> names = new ArrayList<>();
        kinesisJson("list-streams").path("StreamNames").forEach(name -> names.add(name.asText()));
        assertThat(names).contains(stream);

        // When tagged
        assertThat(kinesis("add-tags-to-stream", "--stream-name", stream, "--tags", "team=streams,env=ci"))
                .isEmpty();

        // Then the tags are listed in key order
        JsonNode tags = kinesisJson("list-tags-for-stream", "--stream-name", stream);
        assertThat(tags.path("Tags").toString())
                .isEqualTo("[{\"Key\":\"env\",\"Value\":\"ci\"},{\"Key\":\"team\",\"Value\":\"streams\"}]");
        assertThat(tags.path("HasMoreTags").asBoolean(true)).isFalse();

        // When shard 0 is split in the middle of its range
        String middle = new BigInteger(description
                        .path("StreamDescription")
                        .path("Shards")
                        .get(0)
                        .path("HashKeyRange")
                        .path("EndingHashKey")
                        .asText())
                .shiftRight(1)
                .toString();
        assertThat(kinesis(
                        "split-shard",
                        "--stream-name",
                        stream,
                        "--shard-to-split",
                        "shardId-000000000000",
                        "--new-starting-hash-key",
                        middle))
                .isEmpty();
        waitActive(stream);

        // Then the parent is closed and its children take writes: hash key 0 goes to the first child
        JsonNode shards = kinesisJson("list-shards", "--stream-name", stream);
        assertThat(shardIds(shards))
                .containsExactly(
                        "shardId-000000000000", "shardId-000000000001", "shardId-000000000002", "shardId-000000000003");
        assertThat(shards.path("Shards").get(0).path("SequenceNumberRange").has("EndingSequenceNumber"))
                .isTrue();
        assertThat(shards.path("Shards").get(2).path("ParentShardId").asText()).isEqualTo("shardId-000000000000");
        JsonNode child = kinesisJson(
                "put-record",
                "--stream-name",
                stream,
                "--partition-key",
                "after-split",
                "--data",
                "fileb://" + blob,
                "--explicit-hash-key",
                "0");
        assertThat(child.path("ShardId").asText()).isEqualTo("shardId-000000000002");
        assertThat(readAll(stream, List.of("shardId-000000000002")).get("after-split"))
                .isEqualTo(binary);

        // When the two children are merged again
        assertThat(kinesis(
                        "merge-shards",
                        "--stream-name",
                        stream,
                        "--shard-to-merge",
                        "shardId-000000000002",
                        "--adjacent-shard-to-merge",
                        "shardId-000000000003"))
                .isEmpty();
        waitActive(stream);

        // Then one child has both parents
        JsonNode merged = kinesisJson("list-shards", "--stream-name", stream);
        assertThat(merged.path("Shards")).hasSize(5);
        assertThat(merged.path("Shards").get(4).path("ShardId").asText()).isEqualTo("shardId-000000000004");
        assertThat(merged.path("Shards").get(4).path("ParentShardId").asText()).isEqualTo("shardId-000000000002");
        assertThat(merged.path("Shards").get(4).path("AdjacentParentShardId").asText())
                .isEqualTo("shardId-000000000003");

        // When the open shards are doubled with update-shard-count
        JsonNode scaled = kinesisJson(
                "update-shard-count",
                "--stream-name",
                stream,
                "--target-shard-count",
                "4",
                "--scaling-type",
                "UNIFORM_SCALING");

        // Then
        assertThat(scaled.path("CurrentShardCount").asInt()).isEqualTo(2);
        assertThat(scaled.path("TargetShardCount").asInt()).isEqualTo(4);
        assertThat(waitActive(stream).path("OpenShardCount").asInt()).isEqualTo(4);

        // When deleted
        assertThat(kinesis("delete-stream", "--stream-name", stream)).isEmpty();

        // Then it goes away
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        Run describe;
        do {
            describe = cli("describe-stream-summary", "--stream-name", stream);
        } while (describe.exitCode() == 0 && System.nanoTime() < deadline);
        assertThat(describe.err()).contains("ResourceNotFoundException");
    }

    @Test
    void shouldExitWithAnErrorNamingAwsExceptionAndMessageWhenTheStreamIsMissing() throws Exception {
        // When
        Run missing = cli("describe-stream-summary", "--stream-name", "no-such-stream");

        // Then the CLI's exit code for a service error (v2: 254, v1: 255) and AWS's type and message on stderr
        assertThat(missing.exitCode()).isEqualTo(majorVersion >= 2 ? 254 : 255);
        assertThat(missing.out()).isEmpty();
        assertThat(missing.err())
                .contains("An error occurred (ResourceNotFoundException) when calling the DescribeStreamSummary"
                        + " operation")
                .contains(": Stream no-such-stream under account 000000000000 not found.");

        // And a broken constraint is AWS's ValidationException
        Run invalid = cli("create-stream", "--stream-name", "bad name!", "--shard-count", "1");
        assertThat(invalid.exitCode()).isEqualTo(majorVersion >= 2 ? 254 : 255);
        assertThat(invalid.err())
                .contains("An error occurred (ValidationException) when calling the CreateStream operation")
                .contains(": 1 validation error detected: Value 'bad name!' at 'streamName' failed to satisfy"
                        + " constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
    }

    @Test
    void shouldTakeARecordAbove1MibAfterUpdateMaxRecordSize() throws Exception {
        // Given a CLI that knows UpdateMaxRecordSize (newer than Debian 12's awscli 2.9) and a stream
        assumeTrue(
                !cli("update-max-record-size").err().contains("Invalid choice"),
                "this aws has no update-max-record-size command (Debian 12's awscli 2.9 predates it): skipped");
        String stream = "cli-large";
        kinesis("create-stream", "--stream-name", stream, "--shard-count", "1");
        waitActive(stream);
        byte[] large = new byte[2 * 1024 * 1024];
        for (int i = 0; i < large.length; i++) {
            large[i] = (byte) (i * 7);
        }
        Path blob = work.resolve("large.bin");
        Files.write(blob, large);

        // When a 2 MiB record is put on the default 1 MiB stream
        Run refused = cli("put-record", "--stream-name", stream, "--partition-key", "k", "--data", "fileb://" + blob);

        // Then AWS's ValidationException names the stream's limit
        assertThat(refused.err())
                .contains("(ValidationException) when calling the PutRecord operation: 1 validation error detected:"
                        + " Value at 'data' failed to satisfy constraint: Member must have length less than or equal"
                        + " to 1048576");

        // When the limit is raised to 2048 KiB
        assertThat(kinesis("update-max-record-size", "--stream-arn", arn(stream), "--max-record-size-in-ki-b", "2048"))
                .isEmpty();

        // Then the summary shows it and the record goes in and comes back whole
        assertThat(waitActive(stream).path("MaxRecordSizeInKiB").asInt()).isEqualTo(2048);
        kinesisJson("put-record", "--stream-name", stream, "--partition-key", "k", "--data", "fileb://" + blob);
        assertThat(readAll(stream, List.of("shardId-000000000000")).get("k")).isEqualTo(large);

        // And a size out of range is AWS's ValidationException
        assertThat(cli("update-max-record-size", "--stream-arn", arn(stream), "--max-record-size-in-ki-b", "10241")
                        .err())
                .contains("Value '10241' at 'maxRecordSizeInKiB' failed to satisfy constraint: Member must have value"
                        + " less than or equal to 10240");
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    /** A blob inside {@code --records} JSON: v2 reads it as base64 (its default), v1 as raw text. */
    private static String blobArgument(byte[] data) {
        return majorVersion >= 2 ? Base64.getEncoder().encodeToString(data) : new String(data, StandardCharsets.UTF_8);
    }

    private static String arn(String stream) {
        return "arn:aws:kinesis:us-east-1:000000000000:stream/" + stream;
    }

    /** Polls describe-stream-summary until the stream is ACTIVE; answers the last StreamDescriptionSummary. */
    private static JsonNode waitActive(String stream) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            JsonNode summary = kinesisJson("describe-stream-summary", "--stream-name", stream)
                    .path("StreamDescriptionSummary");
            if (summary.path("StreamStatus").asText().equals("ACTIVE")) {
                return summary;
            }
            assertThat(System.nanoTime())
                    .as("%s not ACTIVE: %s", stream, summary)
                    .isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    /** Every record of the shards, from TRIM_HORIZON to the tip, by partition key. */
    private static Map<String, byte[]> readAll(String stream, List<String> shardIds) throws Exception {
        Map<String, byte[]> read = new HashMap<>();
        for (String shardId : shardIds) {
            String iterator = kinesisJson(
                            "get-shard-iterator",
                            "--stream-name",
                            stream,
                            "--shard-id",
                            shardId,
                            "--shard-iterator-type",
                            "TRIM_HORIZON")
                    .path("ShardIterator")
                    .asText();
            while (iterator != null) {
                JsonNode records = kinesisJson("get-records", "--shard-iterator", iterator);
                records.path("Records")
                        .forEach(record -> read.put(
                                record.path("PartitionKey").asText(),
                                Base64.getDecoder().decode(record.path("Data").asText())));
                JsonNode next = records.path("NextShardIterator");
                boolean atTip = records.path("MillisBehindLatest").asLong(-1) == 0
                        && records.path("Records").isEmpty();
                iterator = next.isTextual() && !atTip ? next.asText() : null;
            }
        }
        return read;
    }

    private static List<String> shardIds(JsonNode listShards) {
        List<String> ids = new ArrayList<>();
        listShards.path("Shards").forEach(shard -> ids.add(shard.path("ShardId").asText()));
        return ids;
    }

    /** Runs {@code aws kinesis <args>}, which must succeed; answers its standard output. */
    private static String kinesis(String... args) throws Exception {
        Run run = cli(args);
        assertThat(run.exitCode())
                .as("aws kinesis %s failed: %s", String.join(" ", args), run.err())
                .isZero();
        return run.out().strip();
    }

    private static JsonNode kinesisJson(String... args) throws Exception {
        return JSON.readTree(kinesis(args));
    }

    /** {@code aws kinesis <args>} against the gateway, JSON output, no pager, dummy credentials. */
    private static Run cli(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add("kinesis");
        command.addAll(Arrays.asList(args));
        command.addAll(List.of(
                "--endpoint-url",
                "http://127.0.0.1:" + gateway.kinesisPort(),
                "--region",
                "us-east-1",
                "--output",
                "json"));
        if (majorVersion >= 2) {
            command.add("--no-cli-pager");
        }
        return run(command);
    }

    private static Run run(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(aws.toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("AWS_"));
        environment.put("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
        environment.put("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
        environment.put("AWS_CONFIG_FILE", work.resolve("config").toString());
        environment.put(
                "AWS_SHARED_CREDENTIALS_FILE", work.resolve("credentials").toString());
        environment.put("AWS_PAGER", "");
        environment.put("AWS_EC2_METADATA_DISABLED", "true");
        Path out = Files.createTempFile(work, "aws", ".out");
        Path err = Files.createTempFile(work, "aws", ".err");
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.redirectOutput(out.toFile());
        builder.redirectError(err.toFile());
        Process process = builder.start();
        if (!process.waitFor(CLI_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("aws " + String.join(" ", args) + " did not finish in " + CLI_TIMEOUT_SECONDS
                    + " s; stderr: " + Files.readString(err));
        }
        Run run = new Run(process.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return run;
    }

    private record Run(int exitCode, String out, String err) {}
}
