package io.shardgate.kinesis;

/**
 * The errors the Kinesis API answers with: the {@code __type} put on the wire and the HTTP status AWS uses. Wire
 * names are constants here, never derived from class names (STYLE.md habit 7).
 */
public enum KinesisError {
    ACCESS_DENIED("AccessDeniedException", 400),
    DRY_RUN_OPERATION("DryRunOperationException", 400),
    EXPIRED_ITERATOR("ExpiredIteratorException", 400),
    EXPIRED_NEXT_TOKEN("ExpiredNextTokenException", 400),
    INCOMPLETE_SIGNATURE("IncompleteSignature", 400),
    INTERNAL_FAILURE("InternalFailure", 500),
    INVALID_ARGUMENT("InvalidArgumentException", 400),
    INVALID_SIGNATURE("InvalidSignatureException", 400),
    KMS_ACCESS_DENIED("KMSAccessDeniedException", 400),
    KMS_DISABLED("KMSDisabledException", 400),
    KMS_INVALID_STATE("KMSInvalidStateException", 400),
    KMS_NOT_FOUND("KMSNotFoundException", 400),
    KMS_OPT_IN_REQUIRED("KMSOptInRequired", 400),
    KMS_THROTTLING("KMSThrottlingException", 400),
    LIMIT_EXCEEDED("LimitExceededException", 400),
    MISSING_AUTHENTICATION_TOKEN("MissingAuthenticationTokenException", 400),
    PROVISIONED_THROUGHPUT_EXCEEDED("ProvisionedThroughputExceededException", 400),
    RESOURCE_IN_USE("ResourceInUseException", 400),
    RESOURCE_NOT_FOUND("ResourceNotFoundException", 400),
    SERIALIZATION("SerializationException", 400),
    SERVICE_UNAVAILABLE("ServiceUnavailable", 503),
    UNKNOWN_OPERATION("UnknownOperationException", 400),
    UNRECOGNIZED_CLIENT("UnrecognizedClientException", 400),
    VALIDATION("ValidationException", 400);

    private final String wireName;
    private final int httpStatus;

    KinesisError(String wireName, int httpStatus) {
        this.wireName = wireName;
        this.httpStatus = httpStatus;
    }

    /** The {@code __type} of the error body. */
    public String wireName() {
        return wireName;
    }

    /** The HTTP status of the response. */
    public int httpStatus() {
        return httpStatus;
    }
}
