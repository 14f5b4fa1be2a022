package io.shardgate.kinesis.operation;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.shardgate.kinesis.mapping.KinesisErrors;
import io.shardgate.kinesis.model.EmptyResult;
import io.shardgate.kinesis.model.UpdateStreamModeInput;
import io.shardgate.kinesis.validation.Constraints;
import io.shardgate.kinesis.validation.Validation;
import io.shardgate.store.Stream;
import io.shardgate.store.StreamSettings;
import io.shardgate.store.limits.LimitsProfile;

/**
 * UpdateStreamMode: records {@code PROVISIONED} or {@code ON_DEMAND} in the stream's configs ({@link
 * Streams#MODE_CONFIG}), shown by DescribeStream, DescribeStreamSummary and ListStreams. Applied at once (the stream
 * stays {@code ACTIVE}); the shards are not changed. A stream under one of the Kinesis limits profiles (D8) moves to the
 * profile of its new mode ({@code kinesis-provisioned} ⇄ {@code kinesis-on-demand}); other profiles stay. Asking for
 * the mode the stream has changes nothing. {@code WarmThroughputMiBps} (to {@code ON_DEMAND} only) records the stream's
 * warm throughput at once; switching to {@code PROVISIONED} drops it ({@link WarmThroughput}, ADR 0017).
 */
public final class UpdateStreamModeOperation implements KinesisOperation<UpdateStreamModeInput, EmptyResult> {

    private final KinesisServices services;

    public UpdateStreamModeOperation(KinesisServices services) {
        this.services = services;
    }

    @Override
    public String name() {
        return "UpdateStreamMode";
    }

    @Override
    public Class<UpdateStreamModeInput> inputType() {
        return UpdateStreamModeInput.class;
    }

    @Override
    public CompletionStage<EmptyResult> execute(UpdateStreamModeInput input, RequestContext context) {
        Validation validation = new Validation();
        if (validation.required("streamARN", input.streamArn())) {
            validation.string("streamARN", input.streamArn(), 1, Constraints.STREAM_ARN_MAX, Constraints.STREAM_ARN);
        }
        if (validation.required("streamModeDetails", input.streamModeDetails())) {
            String mode = input.streamModeDetails().streamMode();
            if (validation.required("streamModeDetails.streamMode", mode)) {
                validation.oneOf("streamModeDetails.streamMode", mode, Constraints.STREAM_MODES);
            }
        }
        validation.range(
                "warmThroughputMiBps", input.warmThroughputMiBps(), Constraints.NATURAL_INTEGER_MIN, Integer.MAX_VALUE);
        validation.check();

        String name = Streams.name(services, null, input.streamArn());
        Stream stream = Streams.find(services, name);
        Resharding.requireActive(services, stream);
        String mode = input.streamModeDetails().streamMode();
        if (mode.equals(Streams.mode(stream)) && input.warmThroughputMiBps() == null) {
            return CompletableFuture.completedFuture(EmptyResult.INSTANCE);
        }
        if (mode.equals("PROVISIONED")) {
            RecordDistribution.requireNotAuto(services, stream);
        }
        return WarmThroughput.forMode(services, mode, input.warmThroughputMiBps())
                .thenCompose(warmThroughput -> services.store()
                        .alterStream(name, settings -> {
                            Map<String, String> configs = new HashMap<>(settings.configs());
                            if (mode.equals("PROVISIONED")
                                    && RecordDistribution.AUTO.equals(configs.get(RecordDistribution.CONFIG))) {
                                return settings;
                            }
                            configs.put(Streams.MODE_CONFIG, mode);
                            if (mode.equals("PROVISIONED")) {
                                WarmThroughput.remove(configs);
                            }
                            warmThroughput.accept(configs);
                            StreamSettings changed = settings.withConfigs(configs);
                            if (LimitsProfile.budgeted(settings.limitsProfile())) {
                                changed = changed.withLimitsProfile(
                                        mode.equals("ON_DEMAND")
                                                ? LimitsProfile.KINESIS_ON_DEMAND.profileName()
                                                : LimitsProfile.KINESIS_PROVISIONED.profileName());
                            }
                            return changed;
                        })
                        .handle((altered, failure) -> {
                            if (failure != null) {
                                throw KinesisErrors.toKinesis(failure);
                            }
                            if (mode.equals("PROVISIONED")) {
                                RecordDistribution.requireNotAuto(services, altered);
                            }
                            return EmptyResult.INSTANCE;
                        }));
    }
}
