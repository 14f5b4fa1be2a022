/**
 * The command line: a small hand-written parser of {@code shardgate start [options]} into an
 * {@link io.shardgate.gateway.cli.Invocation}, and the usage text. Nothing here starts anything.
 */
package io.shardgate.gateway.cli;
