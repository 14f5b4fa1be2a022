package io.shardgate.kinesis.operation;

import java.util.concurrent.CompletionStage;

import io.shardgate.kinesis.model.EmptyResult;
import io.shardgate.kinesis.model.StartStreamEncryptionInput;

/** StartStreamEncryption: see {@link Encryption}. */
public final class StartStreamEncryptionOperation implements KinesisOperation<StartStreamEncryptionInput, EmptyResult> {

    private final KinesisServices services;

    public StartStreamEncryptionOperation(KinesisServices services) {
        this.services = services;
    }

    @Override
    public String name() {
        return "StartStreamEncryption";
    }

    @Override
    public Class<StartStreamEncryptionInput> inputType() {
        return StartStreamEncryptionInput.class;
    }

    @Override
    public CompletionStage<EmptyResult> execute(StartStreamEncryptionInput input, RequestContext context) {
        return Encryption.change(
                services, input.streamName(), input.encryptionType(), input.keyId(), input.streamArn(), true);
    }
}
