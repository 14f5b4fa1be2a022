/** Benchmarks that print numbers; results and commands are recorded in docs/benchmarks.md. */
package io.shardgate.bench;
