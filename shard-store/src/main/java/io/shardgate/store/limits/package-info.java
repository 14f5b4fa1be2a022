/**
 * The limits profiles of DESIGN.md D8 and the budget ledger both protocols draw on (ADR 0016): token buckets per
 * shard, per stream and per named call, refilled by the time of an injectable {@link io.shardgate.store.limits.Ticker}
 * so that tests need no sleeps. Store words only: a protocol asks for a <em>write</em> or a <em>read</em> of so many
 * records and bytes on a shard, or for one <em>call</em> of a kind it names; what it answers when the budget is spent
 * ({@code ProvisionedThroughputExceededException}, {@code throttle_time_ms}) is its own business.
 *
 * <h2>Thread safety and blocking</h2>
 * {@link io.shardgate.store.limits.Limits} is thread-safe and never blocks: each budget is a small object guarded by
 * its own monitor, held for a few arithmetic operations. Under the {@code unlimited} and {@code msk} profiles callers
 * skip the ledger entirely ({@link io.shardgate.store.limits.LimitsProfile#budgeted()}), so the hot paths take no
 * lock and allocate nothing.
 */
package io.shardgate.store.limits;
