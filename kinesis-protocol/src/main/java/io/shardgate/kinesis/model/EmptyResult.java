package io.shardgate.kinesis.model;

/** The empty body ({@code {}}) of operations without output, such as CreateStream and DeleteStream. */
public record EmptyResult() {
    public static final EmptyResult INSTANCE = new EmptyResult();
}
