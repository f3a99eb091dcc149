package io.bastionmq.store.rocksdb;

import io.bastionmq.routing.Message;
import io.bastionmq.store.CredentialRecord;
import io.bastionmq.store.BanRecord;
import io.bastionmq.store.FsyncPolicy;
import io.bastionmq.store.QueuedMessage;
import io.bastionmq.store.SessionRecord;
import io.bastionmq.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable store on embedded RocksDB. Commits go through a {@link GroupCommitter}: concurrent
 * batches are merged into one {@link WriteBatch} and written (and, with {@link FsyncPolicy#ALWAYS},
 * synced) once. {@link FsyncPolicy#INTERVAL} syncs the WAL from a timer instead; {@link
 * FsyncPolicy#NEVER} leaves it to the OS. Key and record layouts: {@link Keys}, {@link RecordCodec}.
 */
public final class RocksDbStore implements Store {
    private static final Logger LOG = LoggerFactory.getLogger(RocksDbStore.class);

    private final RocksDB db;
    private final RocksDbOptions options;
    private final List<ColumnFamilyHandle> allHandles;
    private final EnumMap<Family, ColumnFamilyHandle> handles = new EnumMap<>(Family.class);
    private final WriteOptions writeOptions;
    private final GroupCommitter<List<RocksDbBatch.Op>> committer;
    private final @Nullable ScheduledExecutorService walSyncer;
    private final AtomicBoolean closing = new AtomicBoolean();
    /** Loads hold the read side; close takes the write side, so no read touches a closed native handle. */
    private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private boolean closed;

    private RocksDbStore(RocksDB db, RocksDbOptions options, List<ColumnFamilyHandle> allHandles,
                         FsyncPolicy policy, Duration syncInterval) {
        this.db = db;
        this.options = options;
        this.allHandles = allHandles;
        Family[] families = Family.values();
        for (int i = 0; i < families.length; i++) {
            handles.put(families[i], allHandles.get(i + 1)); // index 0 is the default family
        }
        this.writeOptions = new WriteOptions().setSync(policy == FsyncPolicy.ALWAYS);
        this.committer = new GroupCommitter<>("bastion-store-commit", this::writeGroup);
        this.walSyncer = policy == FsyncPolicy.INTERVAL ? startWalSyncer(syncInterval) : null;
    }

    /** Opens (creating if needed) the store under {@code dataDir/rocksdb}. */
    public static RocksDbStore open(Path dataDir, FsyncPolicy policy, Duration syncInterval) {
        if (policy == FsyncPolicy.INTERVAL && (syncInterval.isNegative() || syncInterval.isZero())) {
            throw new IllegalArgumentException("sync interval must be positive, got " + syncInterval);
        }
        RocksDB.loadLibrary();
        Path dir = dataDir.resolve("rocksdb");
        RocksDbOptions options = new RocksDbOptions();
        List<ColumnFamilyHandle> allHandles = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            RocksDB db = RocksDB.open(options.db(), dir.toString(), options.descriptors(), allHandles);
            return new RocksDbStore(db, options, allHandles, policy, syncInterval);
        } catch (IOException | RocksDBException e) {
            allHandles.forEach(ColumnFamilyHandle::close);
            options.close();
            throw new UncheckedIOException(new IOException("cannot open RocksDB store at " + dir + ": " + e.getMessage(), e));
        }
    }

    @Override
    public Batch newBatch() {
        return new RocksDbBatch();
    }

    @Override
    public CompletableFuture<Void> commit(Batch batch) {
        if (!(batch instanceof RocksDbBatch rocksBatch)) {
            throw new IllegalArgumentException("not a batch of this store: " + batch.getClass().getName());
        }
        if (closing.get()) {
            throw new IllegalStateException("store is closed");
        }
        if (rocksBatch.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return committer.submit(rocksBatch.snapshot());
    }

    /** Writes that reached RocksDB, one per group. */
    public long groupCommits() {
        return committer.groupCommits();
    }

    /** Batches those writes carried; divided by {@link #groupCommits()} it is the mean group size. */
    public long batchesCommitted() {
        return committer.batchesCommitted();
    }

    @Override
    public List<SessionRecord> loadSessions() {
        List<SessionRecord> sessions = new ArrayList<>();
        scan(Family.SESSIONS, null, (key, value) -> sessions.add(RecordCodec.decodeSession(value)));
        return sessions;
    }

    @Override
    public List<QueuedMessage> loadQueue(String clientId) {
        List<QueuedMessage> queue = new ArrayList<>();
        scan(Family.QUEUE, Keys.clientPrefix(clientId), (key, value) -> queue.add(RecordCodec.decodeQueued(value)));
        return queue;
    }

    @Override
    public Set<Integer> loadInboundQos2(String clientId) {
        Set<Integer> packetIds = new HashSet<>();
        scan(Family.INBOUND_QOS2, Keys.clientPrefix(clientId), (key, value) -> packetIds.add(Keys.packetIdOf(key)));
        return packetIds;
    }

    @Override
    public List<Message> loadRetained() {
        List<Message> retained = new ArrayList<>();
        scan(Family.RETAINED, null, (key, value) -> retained.add(RecordCodec.decodeMessage(value)));
        return retained;
    }

    @Override
    public void putBan(BanRecord ban) {
        writeBan(BanCodec.key(ban.kind(), ban.value()), BanCodec.encode(ban));
    }

    @Override
    public boolean removeBan(String kind, String value) {
        byte[] key = BanCodec.key(kind, value);
        lifecycle.readLock().lock();
        try (WriteOptions synced = new WriteOptions().setSync(true)) {
            requireOpen();
            if (db.get(handles.get(Family.BANS), key) == null) {
                return false;
            }
            db.delete(handles.get(Family.BANS), synced, key);
            return true;
        } catch (RocksDBException e) {
            throw new UncheckedIOException(new IOException("RocksDB ban removal failed: " + e.getMessage(), e));
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    @Override
    public List<BanRecord> loadBans() {
        List<BanRecord> bans = new ArrayList<>();
        scan(Family.BANS, null, (key, value) -> bans.add(BanCodec.decode(value)));
        return bans;
    }

    /** Bans bypass the group committer: they are rare, and the caller wants them durable on return. */
    private void writeBan(byte[] key, byte[] value) {
        lifecycle.readLock().lock();
        try (WriteOptions synced = new WriteOptions().setSync(true)) {
            requireOpen();
            db.put(handles.get(Family.BANS), synced, key, value);
        } catch (RocksDBException e) {
            throw new UncheckedIOException(new IOException("RocksDB ban write failed: " + e.getMessage(), e));
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    private void requireOpen() {
        if (closed || closing.get()) {
            throw new IllegalStateException("store is closed");
        }
    }

    /**
     * Drains queued commits, stops the WAL timer, syncs the WAL whatever the policy (a clean
     * shutdown loses nothing), then releases RocksDB. Idempotent.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        committer.close();
        if (walSyncer != null) {
            walSyncer.shutdown();
            awaitQuietly(walSyncer);
        }
        lifecycle.writeLock().lock();
        try {
            closed = true;
            syncWal();
            writeOptions.close();
            allHandles.forEach(ColumnFamilyHandle::close);
            db.close();
            options.close();
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    private void writeGroup(List<List<RocksDbBatch.Op>> group) throws RocksDBException {
        try (WriteBatch writeBatch = new WriteBatch()) {
            for (List<RocksDbBatch.Op> batch : group) {
                for (RocksDbBatch.Op op : batch) {
                    op.applyTo(writeBatch, handles::get);
                }
            }
            db.write(writeOptions, writeBatch);
        }
    }

    /**
     * Visits the family in key order: all of it, or only keys starting with {@code prefix}. The
     * iterator reads from an implicit snapshot, so a scan never sees half of a group commit.
     */
    private void scan(Family family, byte @Nullable [] prefix, BiConsumer<byte[], byte[]> visit) {
        lifecycle.readLock().lock();
        try (Slice upperBound = prefix == null ? null : new Slice(Keys.clientPrefixEnd(prefix));
             ReadOptions read = new ReadOptions()) {
            if (closed) {
                throw new IllegalStateException("store is closed");
            }
            if (upperBound != null) {
                read.setIterateUpperBound(upperBound);
            }
            try (RocksIterator it = db.newIterator(handles.get(family), read)) {
                if (prefix == null) {
                    it.seekToFirst();
                } else {
                    it.seek(prefix);
                }
                for (; it.isValid(); it.next()) {
                    byte[] key = it.key();
                    try {
                        visit.accept(key, it.value());
                    } catch (IllegalStateException e) {
                        throw new IllegalStateException("RocksDB store, column family " + family
                                + ", key " + printable(key) + ": " + e.getMessage(), e);
                    }
                }
                it.status();
            }
        } catch (RocksDBException e) {
            throw new UncheckedIOException(new IOException("RocksDB read of " + family + " failed: " + e.getMessage(), e));
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    private ScheduledExecutorService startWalSyncer(Duration interval) {
        ScheduledExecutorService syncer = Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().name("bastion-store-wal-sync").daemon().unstarted(r));
        long nanos = interval.toNanos();
        syncer.scheduleWithFixedDelay(this::syncWal, nanos, nanos, TimeUnit.NANOSECONDS);
        return syncer;
    }

    private void syncWal() {
        try {
            db.flushWal(true);
        } catch (RocksDBException e) {
            // Not fatal to the broker, but acknowledged writes are not on disk yet: say so loudly.
            LOG.error("WAL sync failed", e);
        }
    }

    private static void awaitQuietly(ScheduledExecutorService executor) {
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Keys in error messages: printable ASCII as is, any other byte as \xNN. */
    private static String printable(byte[] key) {
        StringBuilder sb = new StringBuilder(key.length + 2).append('\'');
        for (byte b : key) {
            if (b >= 0x20 && b < 0x7F) {
                sb.append((char) b);
            } else {
                sb.append(String.format("\\x%02x", b & 0xFF));
            }
        }
        return sb.append('\'').toString();
    }

    // Credentials (CredentialStore): rare, synchronous, synced writes that bypass the group committer.

    @Override
    public Optional<CredentialRecord> findCredential(String name) {
        byte[] key = CredentialCodec.key(name);
        return credentialOp(() -> {
            byte[] value = db.get(handles.get(Family.CREDENTIALS), key);
            return Optional.ofNullable(value == null ? null : CredentialCodec.decode(key, value));
        });
    }

    @Override
    public void putCredential(CredentialRecord credential) {
        credentialOp(() -> {
            try (WriteOptions synced = new WriteOptions().setSync(true)) {
                db.put(handles.get(Family.CREDENTIALS), synced, CredentialCodec.key(credential.name()), CredentialCodec.encode(credential));
            }
            return null;
        });
    }

    @Override
    public boolean deleteCredential(String name) {
        byte[] key = CredentialCodec.key(name);
        return credentialOp(() -> {
            if (db.get(handles.get(Family.CREDENTIALS), key) == null) {
                return false;
            }
            try (WriteOptions synced = new WriteOptions().setSync(true)) {
                db.delete(handles.get(Family.CREDENTIALS), synced, key);
            }
            return true;
        });
    }

    @Override
    public List<CredentialRecord> loadCredentials() {
        List<CredentialRecord> out = new ArrayList<>();
        scan(Family.CREDENTIALS, null, (key, value) -> out.add(CredentialCodec.decode(key, value)));
        return out;
    }

    private interface RocksOp<T> {
        T run() throws RocksDBException;
    }

    private <T> T credentialOp(RocksOp<T> op) {
        lifecycle.readLock().lock();
        try {
            if (closed || closing.get()) {
                throw new IllegalStateException("store is closed");
            }
            return op.run();
        } catch (RocksDBException e) {
            throw new UncheckedIOException(new IOException("RocksDB credential operation failed: " + e.getMessage(), e));
        } finally {
            lifecycle.readLock().unlock();
        }
    }

}
