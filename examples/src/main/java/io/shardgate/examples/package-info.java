/** Runnable programs users copy: Kafka clients, AWS SDK, KCL, KPL against a gateway. */
package io.shardgate.examples;
