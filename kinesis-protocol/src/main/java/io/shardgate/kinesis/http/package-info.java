/**
 * The Kinesis HTTP server on Netty's own codecs: HTTP/1.1 keep-alive and HTTP/2 cleartext (prior knowledge and
 * {@code Upgrade: h2c}) on one port, {@code X-Amz-Target} and content-type dispatch, AWS-style responses. Handlers
 * run on the channel's event loop and never block; operation results hop back to it.
 */
package io.shardgate.kinesis.http;
