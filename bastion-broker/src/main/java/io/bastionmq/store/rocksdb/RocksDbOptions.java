package io.bastionmq.store.rocksdb;

import java.util.ArrayList;
import java.util.List;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.RocksDB;

/**
 * RocksDB tuning for this workload: small records, writes dominated by short-lived queue entries,
 * reads only at start-up (the broker keeps live state in memory). So memory goes to write buffers
 * rather than a large read cache, and everything else stays at RocksDB's defaults. Owns the native
 * option objects; close it after the database.
 */
final class RocksDbOptions implements AutoCloseable {
    /** Reads happen once at start-up, so a modest cache is enough; it is shared by all families. */
    static final long BLOCK_CACHE_BYTES = 32L << 20;
    /**
     * Per family, against RocksDB's 64 MB default: four families at the default could pin 512 MB of
     * memtables. 16 MB still absorbs a burst of queue writes and deletes before a flush.
     */
    static final long WRITE_BUFFER_BYTES = 16L << 20;
    /**
     * All families share one WAL, and a WAL file is kept until every family with data in it has
     * flushed. A rarely written family (retained) would otherwise hold gigabytes of WAL; past this
     * size RocksDB flushes the families that pin the oldest file.
     */
    static final long MAX_TOTAL_WAL_BYTES = 128L << 20;
    /** RocksDB keeps 1000 info LOG files by default; a broker that restarts often would pile them up. */
    static final int KEEP_INFO_LOG_FILES = 5;

    private final LRUCache blockCache = new LRUCache(BLOCK_CACHE_BYTES);
    private final DBOptions db = new DBOptions()
            .setCreateIfMissing(true)
            .setCreateMissingColumnFamilies(true)
            .setMaxTotalWalSize(MAX_TOTAL_WAL_BYTES)
            .setKeepLogFileNum(KEEP_INFO_LOG_FILES);
    private final ColumnFamilyOptions columnFamily = new ColumnFamilyOptions()
            .setWriteBufferSize(WRITE_BUFFER_BYTES)
            // LZ4: cheap on the CPU; payloads such as JSON telemetry compress well.
            .setCompressionType(CompressionType.LZ4_COMPRESSION)
            .setTableFormatConfig(new BlockBasedTableConfig().setBlockCache(blockCache));

    DBOptions db() {
        return db;
    }

    /** The default family (RocksDB requires it; unused) followed by {@link Family} in declaration order. */
    List<ColumnFamilyDescriptor> descriptors() {
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, columnFamily));
        for (Family f : Family.values()) {
            descriptors.add(new ColumnFamilyDescriptor(f.cfName(), columnFamily));
        }
        return descriptors;
    }

    @Override
    public void close() {
        columnFamily.close();
        db.close();
        blockCache.close();
    }
}
