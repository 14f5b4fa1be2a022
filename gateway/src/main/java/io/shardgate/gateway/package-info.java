/** The composition root: configuration, listeners, life cycle, metrics, admin HTTP and the command line. */
package io.shardgate.gateway;
