package io.bastionmq.store.rocksdb;

import static io.bastionmq.store.StoreFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bastionmq.store.FsyncPolicy;
import io.bastionmq.store.QueuedMessage;
import io.bastionmq.store.Store;
import io.bastionmq.store.StoreContractTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;

class RocksDbStoreTest extends StoreContractTest {
    @TempDir
    Path dir;

    @Override
    protected Store openStore() {
        return RocksDbStore.open(dir, FsyncPolicy.ALWAYS, Duration.ofSeconds(1));
    }

    @ParameterizedTest
    @EnumSource(FsyncPolicy.class)
    void dataSurvivesCloseAndReopen(FsyncPolicy policy) {
        store.close();
        Path data = dir.resolve(policy.name());
        try (RocksDbStore first = RocksDbStore.open(data, policy, Duration.ofMillis(20))) {
            first.commit(first.newBatch().putSession(richSession("c")).putQueued("c", queued(1, "q"))
                    .addInboundQos2("c", 9).putRetained(fullMessage("r"))).join();
        }
        assertThat(data.resolve("rocksdb").resolve("CURRENT")).exists();

        try (RocksDbStore second = RocksDbStore.open(data, policy, Duration.ofMillis(20))) {
            assertThat(second.loadSessions()).containsExactly(richSession("c"));
            assertThat(second.loadQueue("c")).containsExactly(queued(1, "q"));
            assertThat(second.loadInboundQos2("c")).containsExactly(9);
            assertThat(second.loadRetained()).containsExactly(fullMessage("r"));
        }
    }

    @Test
    void concurrentCommitsAreGroupedIntoFewerWrites() throws Exception {
        RocksDbStore rocks = (RocksDbStore) store;
        int threads = 8;
        int perThread = 500;
        ConcurrentLinkedQueue<CompletableFuture<Void>> futures = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String client = "client-" + t;
            workers.add(Thread.ofPlatform().start(() -> {
                awaitQuietly(start);
                for (int i = 0; i < perThread; i++) {
                    futures.add(store.commit(store.newBatch().putQueued(client, queued(i, client + "/" + i))));
                }
            }));
        }
        start.countDown();
        for (Thread w : workers) {
            w.join();
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

        int commits = threads * perThread;
        System.out.printf("group commit, open loop: %d commits in %d groups (mean %.1f per group)%n",
                rocks.batchesCommitted(), rocks.groupCommits(), (double) rocks.batchesCommitted() / rocks.groupCommits());
        assertThat(futures).hasSize(commits).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
        assertThat(rocks.batchesCommitted()).isEqualTo(commits);
        assertThat(rocks.groupCommits()).isLessThan(commits);
        for (int t = 0; t < threads; t++) {
            assertThat(store.loadQueue("client-" + t)).extracting(QueuedMessage::seq)
                    .containsExactlyElementsOf(LongStream.range(0, perThread).boxed().toList());
        }
    }

    /**
     * The realistic shape: each client waits for its ack before sending the next message (a QoS 1
     * publisher with a window of one), so a group can hold at most one batch per client.
     */
    @Test
    void clientsWaitingForTheirAcksShareSyncs() throws Exception {
        RocksDbStore rocks = (RocksDbStore) store;
        int threads = 8;
        int perThread = 500;
        List<Thread> workers = new ArrayList<>();
        long started = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            String client = "client-" + t;
            workers.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < perThread; i++) {
                    store.commit(store.newBatch().putQueued(client, queued(i, "m"))).join();
                }
            }));
        }
        for (Thread w : workers) {
            w.join();
        }
        long millis = (System.nanoTime() - started) / 1_000_000;

        System.out.printf("group commit, closed loop: %d commits in %d groups (mean %.1f per group), %d ms%n",
                rocks.batchesCommitted(), rocks.groupCommits(), (double) rocks.batchesCommitted() / rocks.groupCommits(), millis);
        assertThat(rocks.batchesCommitted()).isEqualTo(threads * perThread);
        assertThat(rocks.groupCommits()).isLessThan(threads * perThread);
        for (int t = 0; t < threads; t++) {
            assertThat(store.loadQueue("client-" + t)).hasSize(perThread);
        }
    }

    @Test
    void closeWritesEveryCommitAcceptedBeforeIt() {
        store.close();
        Path data = dir.resolve("drain");
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        try (RocksDbStore first = RocksDbStore.open(data, FsyncPolicy.NEVER, Duration.ofSeconds(1))) {
            for (int i = 0; i < 1000; i++) {
                futures.add(first.commit(first.newBatch().putQueued("c", queued(i, "m"))));
            }
        }
        assertThat(futures).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
        try (RocksDbStore second = RocksDbStore.open(data, FsyncPolicy.NEVER, Duration.ofSeconds(1))) {
            assertThat(second.loadQueue("c")).hasSize(1000);
        }
    }

    @Test
    void loadsAfterCloseFailInsteadOfTouchingFreedNativeMemory() {
        store.close();
        assertThatThrownBy(() -> store.loadSessions()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rejectsAClientIdContainingNul() {
        assertThatThrownBy(() -> store.newBatch().deleteSession("a\u0000b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MQTT-1.5.4-2");
    }

    @Test
    void anUnknownFormatVersionIsReportedWithTheRecordAndKey() throws Exception {
        store.close();
        byte[] fromTheFuture = RecordCodec.encodeSession(session("future", 1));
        fromTheFuture[0] = 99;
        putRaw(Family.SESSIONS, "future".getBytes(), fromTheFuture);

        try (RocksDbStore reopened = RocksDbStore.open(dir, FsyncPolicy.NEVER, Duration.ofSeconds(1))) {
            assertThatThrownBy(reopened::loadSessions)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("column family sessions")
                    .hasMessageContaining("key 'future'")
                    .hasMessageContaining("SessionRecord record has unknown format version 99");
        }
    }

    @Test
    void aTruncatedRecordIsReportedAsCorrupt() throws Exception {
        store.close();
        byte[] whole = RecordCodec.encodeMessage(fullMessage("t"));
        putRaw(Family.RETAINED, "t".getBytes(), Arrays.copyOf(whole, whole.length / 2));

        try (RocksDbStore reopened = RocksDbStore.open(dir, FsyncPolicy.NEVER, Duration.ofSeconds(1))) {
            assertThatThrownBy(reopened::loadRetained)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("column family retained")
                    .hasMessageContaining("Message record is corrupt");
        }
    }

    /** Writes bytes past the store, as a disk fault or a newer broker would leave them. */
    private void putRaw(Family family, byte[] key, byte[] value) throws Exception {
        try (RocksDbOptions options = new RocksDbOptions()) {
            List<ColumnFamilyHandle> handles = new ArrayList<>();
            try (RocksDB raw = RocksDB.open(options.db(), dir.resolve("rocksdb").toString(), options.descriptors(), handles)) {
                raw.put(handles.get(family.ordinal() + 1), key, value);
                handles.forEach(ColumnFamilyHandle::close);
            }
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
