/**
 * Quick in-process throughput figures for {@code bulwark ratelimit bench}. The JMH benchmarks that
 * compare with Bucket4j live in the test tree ({@code ./mvnw -Pbench verify -Dtest='RateLimit*Bench*'})
 * because Bucket4j is a test-scope dependency.
 */
package dev.bulwark.ratelimit.bench;
