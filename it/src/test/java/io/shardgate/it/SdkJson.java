package io.shardgate.it;

/**
 * Runs a test body with the AWS SDK for Java v2 speaking JSON 1.1 instead of its default CBOR: the SDK reads the
 * system property {@code aws.cborEnabled} when a client is built, so the body builds its clients inside. The property's
 * earlier value comes back afterwards.
 */
final class SdkJson {

    private static final String PROPERTY = "aws.cborEnabled";

    /** A test body that may throw. */
    @FunctionalInterface
    interface Body {
        void run() throws Exception;
    }

    private SdkJson() {}

    static void run(Body body) throws Exception {
        String previous = System.getProperty(PROPERTY);
        System.setProperty(PROPERTY, "false");
        try {
            body.run();
        } finally {
            if (previous == null) {
                System.clearProperty(PROPERTY);
            } else {
                System.setProperty(PROPERTY, previous);
            }
        }
    }
}
