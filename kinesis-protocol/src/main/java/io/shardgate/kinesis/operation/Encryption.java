package io.shardgate.kinesis.operation;

import java.util.List;
import java.util.concurrent.CompletionStage;

import io.shardgate.kinesis.KinesisError;
import io.shardgate.kinesis.KinesisException;
import io.shardgate.kinesis.model.EmptyResult;
import io.shardgate.kinesis.validation.Validation;
import io.shardgate.store.Stream;

/**
 * What StartStreamEncryption and StopStreamEncryption share. Only the setting is recorded ({@code EncryptionType}
 * and {@code KeyId} in the stream's configs, shown by DescribeStream and DescribeStreamSummary): no KMS is called, the
 * key is not checked and the data stays as it is on the local disk. The change is applied at once; the stream stays
 * {@code ACTIVE}.
 */
final class Encryption {

    /** {@code EncryptionType}. */
    static final List<String> TYPES = List.of("NONE", "KMS");

    /** {@code KeyId}: 1–2048 characters. */
    static final int KEY_ID_MAX = 2048;

    private Encryption() {}

    static CompletionStage<EmptyResult> change(
            KinesisServices services,
            String streamName,
            String encryptionType,
            String keyId,
            String streamArn,
            boolean start) {
        Validation validation = new Validation();
        if (validation.required("encryptionType", encryptionType)) {
            validation.oneOf("encryptionType", encryptionType, TYPES);
        }
        if (validation.required("keyId", keyId)) {
            validation.string("keyId", keyId, 1, KEY_ID_MAX, null);
        }
        Streams.validate(validation, streamName, streamArn);
        validation.check();

        String name = Streams.name(services, streamName, streamArn);
        Stream stream = Streams.find(services, name);
        if (!"KMS".equals(encryptionType)) {
            throw new KinesisException(
                    KinesisError.INVALID_ARGUMENT,
                    "Encryption type " + encryptionType + " is not valid for stream " + name + " under account "
                            + services.accountId() + ". Valid encryption types: KMS.");
        }
        Resharding.requireActive(services, stream);
        return StreamConfigs.alter(
                services,
                name,
                configs -> {
                    if (start) {
                        configs.put(StreamConfigs.ENCRYPTION_TYPE, encryptionType);
                        configs.put(StreamConfigs.KEY_ID, keyId);
                    } else {
                        configs.remove(StreamConfigs.ENCRYPTION_TYPE);
                        configs.remove(StreamConfigs.KEY_ID);
                    }
                },
                EmptyResult.INSTANCE);
    }
}
