/**
 * Request validation from service-2.json: required members, lengths, patterns, ranges and enums, reported as AWS's
 * {@code ValidationException}. Operations run it first, before touching the store. Pure and single-threaded.
 */
package io.shardgate.kinesis.validation;
