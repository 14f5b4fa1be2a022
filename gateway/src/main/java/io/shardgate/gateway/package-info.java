/**
 * The composition root: {@link io.shardgate.gateway.Main} parses the command line and loads the configuration,
 * {@link io.shardgate.gateway.Gateway} opens the store, binds the listeners and registers the metrics, and closes
 * them in reverse order. Sub-packages: {@code config}, {@code cli}, {@code net}, {@code admin}, {@code metrics}.
 */
package io.shardgate.gateway;
