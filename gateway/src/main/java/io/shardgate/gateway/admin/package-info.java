/**
 * The admin HTTP listener: {@code GET /health} and {@code GET /metrics}.
 *
 * <p>{@link io.shardgate.gateway.admin.AdminServer} binds it, {@link io.shardgate.gateway.admin.AdminInitializer}
 * builds the pipeline (named handlers, a tail error logger), {@link io.shardgate.gateway.admin.AdminRequestHandler}
 * turns requests into calls of {@link io.shardgate.gateway.admin.AdminEndpoints}, which holds what the endpoints
 * answer and knows nothing of Netty. The endpoints run on the admin executor, not on the I/O event loop, so that a
 * slow scrape never delays other connections; the answer hops back to the connection's event loop to be written.
 */
package io.shardgate.gateway.admin;
