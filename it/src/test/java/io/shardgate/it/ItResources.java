package io.shardgate.it;

/** Tear-down of what a test class started. */
final class ItResources {
    private ItResources() {}

    /**
     * Closes every resource that is not null, in order; a failure to close one is reported on stderr (naming
     * {@code owner}) and does not stop the others from being closed.
     */
    static void closeAll(String owner, AutoCloseable... resources) {
        for (AutoCloseable resource : resources) {
            if (resource != null) {
                try {
                    resource.close();
                } catch (Exception e) {
                    System.err.println(owner + ": closing " + resource + ": " + e);
                }
            }
        }
    }
}
