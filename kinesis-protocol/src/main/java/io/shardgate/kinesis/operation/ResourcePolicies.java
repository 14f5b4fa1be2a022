package io.shardgate.kinesis.operation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.shardgate.kinesis.KinesisError;
import io.shardgate.kinesis.KinesisException;
import io.shardgate.kinesis.validation.Validation;

/**
 * What PutResourcePolicy, GetResourcePolicy and DeleteResourcePolicy share. The policy is kept, as given, in the
 * stream's configs ({@link StreamConfigs#RESOURCE_POLICY}); it must be a JSON object but is not enforced (enforcement
 * comes with the policy engine of the security issue, D11). Consumer ARNs are not found (no consumers yet).
 */
final class ResourcePolicies {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ResourcePolicies() {}

    /** Ends the validation (in which the caller checked {@code ResourceARN}), then answers the stream it names. */
    static String stream(KinesisServices services, Validation validation, String resourceArn) {
        validation.check();
        return Tags.streamOfResource(services, resourceArn);
    }

    /**
     * Refuses a policy that is not a JSON object.
     *
     * @throws KinesisException {@code InvalidArgumentException}
     */
    static void requireJsonObject(String policy) {
        JsonNode node;
        try {
            node = JSON.readTree(policy);
        } catch (JsonProcessingException e) {
            node = null;
        }
        if (node == null || !node.isObject()) {
            throw new KinesisException(KinesisError.INVALID_ARGUMENT, "Policy is not a valid JSON policy document.");
        }
    }

    static KinesisException notFound(KinesisServices services, String resourceArn) {
        return new KinesisException(
                KinesisError.RESOURCE_NOT_FOUND,
                "No resource policy found for resource " + resourceArn + " under account " + services.accountId()
                        + ".");
    }
}
