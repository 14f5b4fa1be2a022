package io.shardgate.kinesis.operation;

import java.util.concurrent.CompletionStage;

import io.shardgate.kinesis.model.EmptyResult;
import io.shardgate.kinesis.model.StopStreamEncryptionInput;

/** StopStreamEncryption: see {@link Encryption}. */
public final class StopStreamEncryptionOperation implements KinesisOperation<StopStreamEncryptionInput, EmptyResult> {

    private final KinesisServices services;

    public StopStreamEncryptionOperation(KinesisServices services) {
        this.services = services;
    }

    @Override
    public String name() {
        return "StopStreamEncryption";
    }

    @Override
    public Class<StopStreamEncryptionInput> inputType() {
        return StopStreamEncryptionInput.class;
    }

    @Override
    public CompletionStage<EmptyResult> execute(StopStreamEncryptionInput input, RequestContext context) {
        return Encryption.change(
                services, input.streamName(), input.encryptionType(), input.keyId(), input.streamArn(), false);
    }
}
