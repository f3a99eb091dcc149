/**
 * The durable {@link io.bastionmq.store.Store}: embedded RocksDB, one column family per kind of
 * record, a compact versioned binary record format, and a single committer thread that groups
 * concurrent commits into one write and one WAL sync.
 */
@NullMarked
package io.bastionmq.store.rocksdb;

import org.jspecify.annotations.NullMarked;
