package io.shardgate.kinesis.eventstream;

import io.netty.util.concurrent.EventExecutor;

import io.shardgate.kinesis.codec.WireFormat;

/**
 * Where an {@link EventStreamOutput} sends its messages: the body of a 200 response whose headers are already sent,
 * as HTTP/1.1 chunks or HTTP/2 DATA frames. Used on {@link #executor()} only.
 */
public interface EventSink {

    /** The format of the request, which event payloads are written in. */
    WireFormat format();

    /** The event loop every call of the stream happens on. */
    EventExecutor executor();

    /**
     * Whether the transport takes more now (channel writability, which follows HTTP/2 flow control): a stream sends
     * only while it does and waits for {@link EventStreamOutput#writable()} otherwise.
     */
    boolean isWritable();

    /** Sends one framed message and flushes it. */
    void send(byte[] message);

    /** Ends the response cleanly (the last chunk, or END_STREAM); nothing is sent after. */
    void end();
}
