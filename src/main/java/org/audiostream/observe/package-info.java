/**
 * Observability: structured logging in the seed's taxonomy ({@link org.audiostream.observe.Log}),
 * its text and JSON formats, secret redaction, rate-limited logging and build metadata.
 *
 * <p>Threads: {@code Log}, {@code Redactor} and {@code RateLimitedLog} are safe from any thread,
 * media threads included (logging goes through a non-blocking async appender).
 */
package org.audiostream.observe;
