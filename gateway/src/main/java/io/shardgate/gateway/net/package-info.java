/**
 * Netty resources shared by every listener of the gateway: the accept and I/O event loops. Event loops never block
 * (DESIGN.md §3); work that may take time runs on other executors and hops back.
 */
package io.shardgate.gateway.net;
