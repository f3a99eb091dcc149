package io.bastionmq.jmh;

import io.bastionmq.codec.packet.Payload;
import io.bastionmq.codec.packet.Properties;
import io.bastionmq.codec.packet.QoS;
import io.bastionmq.routing.Message;
import io.bastionmq.store.FsyncPolicy;
import io.bastionmq.store.QueuedMessage;
import io.bastionmq.store.Store;
import io.bastionmq.store.rocksdb.RocksDbStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * The RocksDB store's group commit: each operation is one batch holding one {@code putQueued}
 * (a 64-byte QoS 1 message, as one subscriber's delivery of a durable PUBLISH), committed and
 * waited for, from 1 and from 8 threads. With {@code ALWAYS} every group is fsynced before its
 * futures complete, so 8 threads show how much grouping buys; {@code INTERVAL} (100 ms) shows
 * the cost without the sync. The store lives under {@code java.io.tmpdir}, which should be the
 * disk the broker would use. The teardown prints batches per group commit.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "--enable-native-access=ALL-UNNAMED"})
public class StoreBenchmark {
    @Param({"ALWAYS", "INTERVAL"})
    public FsyncPolicy fsync;

    private final AtomicInteger clients = new AtomicInteger();
    private Path dir;
    private RocksDbStore store;
    private Message message;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("bastion-jmh-store-");
        store = RocksDbStore.open(dir, fsync, Duration.ofMillis(100));
        byte[] payload = new byte[64];
        message = new Message("plant/7/line/3/temperature", Payload.wrap(payload), QoS.AT_LEAST_ONCE, false,
                Properties.EMPTY, Message.NO_EXPIRY, "publisher-1");
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        long groups = store.groupCommits();
        long batches = store.batchesCommitted();
        store.close();
        System.out.printf("%n[store %s] %d batches in %d group commits: %.1f batches per group%n",
                fsync, batches, groups, groups == 0 ? 0.0 : (double) batches / groups);
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** One queue per thread, as one subscriber session per connection. */
    @State(Scope.Thread)
    public static class Session {
        String clientId;
        long seq;

        @Setup(Level.Trial)
        public void setUp(StoreBenchmark bench) {
            clientId = "subscriber-" + bench.clients.incrementAndGet();
        }
    }

    private void commitOne(Session session) {
        QueuedMessage queued = new QueuedMessage(session.seq++, message, QoS.AT_LEAST_ONCE, false, List.of(),
                QueuedMessage.DeliveryState.QUEUED, 0);
        Store.Batch batch = store.newBatch().putQueued(session.clientId, queued);
        store.commit(batch).join();
    }

    @Benchmark
    @Threads(1)
    public void commit1Thread(Session session) {
        commitOne(session);
    }

    @Benchmark
    @Threads(8)
    public void commit8Threads(Session session) {
        commitOne(session);
    }
}
