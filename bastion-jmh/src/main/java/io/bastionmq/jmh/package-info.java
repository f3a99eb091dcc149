/**
 * JMH micro-benchmarks: {@link io.bastionmq.jmh.CodecBenchmark} (decode, encode, encoded size of
 * each packet type), {@link io.bastionmq.jmh.TrieBenchmark} (matching against one million
 * subscriptions), {@link io.bastionmq.jmh.AclBenchmark} (authorization decisions with 100,000 rules)
 * and {@link io.bastionmq.jmh.StoreBenchmark} (RocksDB group commit). They run
 * only from the executable jar, never in the test phase; docs/benchmarks.md has the commands
 * and the last figures.
 */
package io.bastionmq.jmh;
