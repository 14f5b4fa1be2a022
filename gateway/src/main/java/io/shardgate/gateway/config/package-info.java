/**
 * The gateway's configuration: validated records ({@link io.shardgate.gateway.config.GatewayConfig} and its
 * sections) and {@link io.shardgate.gateway.config.ConfigLoader}, which builds the defaults as a tree, deep-merges
 * the YAML file and the command-line overrides over it and binds the result. YAML keys are the record component
 * names; every key is documented in {@code docs/configuration.md}.
 */
package io.shardgate.gateway.config;
