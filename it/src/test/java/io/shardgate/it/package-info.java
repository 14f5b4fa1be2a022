/** End-to-end tests with real clients against an in-process gateway. */
package io.shardgate.it;
