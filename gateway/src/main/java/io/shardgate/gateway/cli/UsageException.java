package io.shardgate.gateway.cli;

/** The command line is wrong; the message says how, in one line. */
public final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
