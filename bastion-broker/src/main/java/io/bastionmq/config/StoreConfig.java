package io.bastionmq.config;

import io.bastionmq.store.FsyncPolicy;
import java.time.Duration;

/**
 * Where sessions, queued and retained messages live.
 *
 * @param type          {@code rocksdb} (durable, in {@code data_dir}) or {@code memory} (lost at exit)
 * @param fsync         when the RocksDB write-ahead log reaches the disk; see {@link FsyncPolicy}
 * @param fsyncInterval the sync period of {@link FsyncPolicy#INTERVAL}
 */
public record StoreConfig(StoreType type, FsyncPolicy fsync, Duration fsyncInterval) {

    /** The storage engine. */
    public enum StoreType {
        /** RocksDB in the data directory: survives restarts and, with fsync always, power loss. */
        ROCKSDB,
        /** On the heap: everything is lost when the broker stops. Development and tests only. */
        MEMORY
    }

    public static final StoreType TYPE_DEFAULT = StoreType.ROCKSDB;
    /** Nothing acknowledged is lost (THREATS.md principles): sync before acknowledging. */
    public static final FsyncPolicy FSYNC_DEFAULT = FsyncPolicy.ALWAYS;
    public static final Duration FSYNC_INTERVAL_DEFAULT = Duration.ofMillis(100);
    public static final Duration FSYNC_INTERVAL_MINIMUM = Duration.ofMillis(1);
    public static final Duration FSYNC_INTERVAL_MAXIMUM = Duration.ofMinutes(1);

    /** Durable: RocksDB, synced before every acknowledgement. */
    public static final StoreConfig DURABLE = new StoreConfig(StoreType.ROCKSDB, FsyncPolicy.ALWAYS, FSYNC_INTERVAL_DEFAULT);
    /** Heap only, for {@code --dev} and tests: nothing survives the process. */
    public static final StoreConfig IN_MEMORY = new StoreConfig(StoreType.MEMORY, FsyncPolicy.NEVER, FSYNC_INTERVAL_DEFAULT);

    public StoreConfig {
        Bounds.present("type", type);
        Bounds.present("fsync", fsync);
        Bounds.present("fsync_interval", fsyncInterval);
        Bounds.check("fsync_interval", fsyncInterval, FSYNC_INTERVAL_MINIMUM, FSYNC_INTERVAL_MAXIMUM);
    }
}
