package io.shardgate.kinesis.eventstream;

/**
 * An operation's result that is a stream of events rather than a body. The HTTP layer answers 200 with
 * {@value EventStreamMessages#CONTENT_TYPE}, then calls {@link #start}; every call happens on the sink's event loop.
 */
public interface EventStreamOutput {

    /** The response headers are sent: send messages to {@code sink} until the stream is done, then end it. */
    void start(EventSink sink);

    /** The sink became writable again after {@link EventSink#isWritable()} said no. */
    void writable();

    /** The client went away (connection closed, HTTP/2 stream reset) or the response never started: release everything. */
    void cancel();
}
