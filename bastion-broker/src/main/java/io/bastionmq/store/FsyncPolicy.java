package io.bastionmq.store;

/** When the durable store syncs its write-ahead log to disk. */
public enum FsyncPolicy {
    /** Every group commit is synced before its writes are acknowledged: nothing acknowledged is lost on power loss. */
    ALWAYS,
    /** Writes are acknowledged once in the OS page cache and synced every interval: survives a broker crash, not a power loss. */
    INTERVAL,
    /** Never synced explicitly; the OS decides. Survives a broker crash, not a power loss. */
    NEVER
}
