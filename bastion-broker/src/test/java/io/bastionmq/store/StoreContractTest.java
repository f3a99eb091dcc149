package io.bastionmq.store;

import static io.bastionmq.store.StoreFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bastionmq.codec.packet.QoS;
import io.bastionmq.routing.Message;
import io.bastionmq.store.QueuedMessage.DeliveryState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link Store} must have. Subclasses supply the implementation. */
public abstract class StoreContractTest {
    protected Store store;

    protected abstract Store openStore();

    @BeforeEach
    void open() {
        store = openStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    protected void commit(Store.Batch batch) {
        store.commit(batch).orTimeout(10, TimeUnit.SECONDS).join();
    }

    @Test
    void storesLoadsReplacesAndDeletesSessions() {
        commit(store.newBatch().putSession(session("a", 60)).putSession(richSession("b")));
        assertThat(store.loadSessions()).containsExactlyInAnyOrder(session("a", 60), richSession("b"));

        commit(store.newBatch().putSession(session("a", 120)));
        assertThat(store.loadSessions()).containsExactlyInAnyOrder(session("a", 120), richSession("b"));

        commit(store.newBatch().deleteSession("a"));
        assertThat(store.loadSessions()).containsExactly(richSession("b"));
    }

    @Test
    void deleteSessionRemovesQueueAndInboundQos2OfThatClientOnly() {
        Store.Batch batch = store.newBatch();
        for (String client : List.of("de", "dev", "dev1", "dev\u0001")) {
            batch.putSession(session(client, 60)).putQueued(client, queued(1, client)).putQueued(client, queued(2, client))
                    .addInboundQos2(client, 7);
        }
        commit(batch);

        commit(store.newBatch().deleteSession("dev"));

        assertThat(store.loadQueue("dev")).isEmpty();
        assertThat(store.loadInboundQos2("dev")).isEmpty();
        assertThat(store.loadSessions()).extracting(SessionRecord::clientId).containsExactlyInAnyOrder("de", "dev1", "dev\u0001");
        for (String survivor : List.of("de", "dev1", "dev\u0001")) {
            assertThat(store.loadQueue(survivor)).containsExactly(queued(1, survivor), queued(2, survivor));
            assertThat(store.loadInboundQos2(survivor)).containsExactly(7);
        }
    }

    @Test
    void loadsQueueInSeqOrderAcrossByteBoundaries() {
        List<Long> seqs = new ArrayList<>();
        for (long base : new long[] {0, 250, 65_530, 16_777_210, 4_294_967_290L, Long.MAX_VALUE - 60}) {
            for (int i = 0; i < 50; i++) {
                seqs.add(base + i);
            }
        }
        List<Long> shuffled = new ArrayList<>(seqs);
        Collections.shuffle(shuffled, new Random(42));
        for (int from = 0; from < shuffled.size(); from += 60) {
            Store.Batch batch = store.newBatch();
            for (long seq : shuffled.subList(from, Math.min(from + 60, shuffled.size()))) {
                batch.putQueued("c", queued(seq, "m" + seq)).putQueued("c0", queued(seq, "other"));
            }
            commit(batch);
        }

        assertThat(seqs).hasSize(300);
        assertThat(store.loadQueue("c")).extracting(QueuedMessage::seq).containsExactlyElementsOf(seqs);
        assertThat(store.loadQueue("c").get(256).message().payload().asUtf8()).isEqualTo("m" + seqs.get(256));
    }

    @Test
    void putQueuedReplacesTheEntryAtTheSameSeq() {
        QueuedMessage first = new QueuedMessage(5, message("x", "p"), QoS.EXACTLY_ONCE, true, List.of(3, 9), DeliveryState.QUEUED, 0);
        commit(store.newBatch().putQueued("c", first).putQueued("c", queued(6, "six")));

        commit(store.newBatch().putQueued("c", first.sent(65_535)));
        assertThat(store.loadQueue("c")).containsExactly(first.sent(65_535), queued(6, "six"));

        commit(store.newBatch().putQueued("c", first.sent(65_535).released()));
        assertThat(store.loadQueue("c").get(0).state()).isEqualTo(DeliveryState.RELEASED);
        assertThat(store.loadQueue("c").get(0).packetId()).isEqualTo(65_535);

        commit(store.newBatch().removeQueued("c", 5));
        assertThat(store.loadQueue("c")).containsExactly(queued(6, "six"));
    }

    @Test
    void addsAndRemovesInboundQos2PacketIds() {
        commit(store.newBatch().addInboundQos2("c", 1).addInboundQos2("c", 256).addInboundQos2("c", 65_535)
                .addInboundQos2("c", 256).addInboundQos2("d", 2));
        assertThat(store.loadInboundQos2("c")).containsExactlyInAnyOrder(1, 256, 65_535);

        commit(store.newBatch().removeInboundQos2("c", 256).removeInboundQos2("c", 4));
        assertThat(store.loadInboundQos2("c")).containsExactlyInAnyOrder(1, 65_535);
        assertThat(store.loadInboundQos2("d")).containsExactly(2);
        assertThat(store.loadInboundQos2("nobody")).isEmpty();
    }

    @Test
    void putsReplacesAndRemovesRetained() {
        commit(store.newBatch().putRetained(message("a/b", "1")).putRetained(message("a", "2")));
        commit(store.newBatch().putRetained(message("a/b", "3")));
        assertThat(store.loadRetained()).containsExactlyInAnyOrder(message("a/b", "3"), message("a", "2"));

        commit(store.newBatch().removeRetained("a/b").removeRetained("never/set"));
        assertThat(store.loadRetained()).containsExactly(message("a", "2"));
    }

    @Test
    void messageWithEveryPropertyTypeRoundTripsExactly() {
        Message full = fullMessage("ü/full");
        QueuedMessage queued = new QueuedMessage(0, full, QoS.EXACTLY_ONCE, true, List.of(1, 268_435_455), DeliveryState.SENT, 42);
        commit(store.newBatch().putRetained(full).putQueued("c", queued));

        assertThat(store.loadRetained()).containsExactly(full);
        assertThat(store.loadQueue("c")).containsExactly(queued);
        assertThat(store.loadQueue("c").get(0).message().properties()).isEqualTo(everyProperty());
    }

    @Test
    void laterWritesInABatchWinOverEarlierOnes() {
        commit(store.newBatch().putQueued("c", queued(1, "old")).addInboundQos2("c", 1));

        commit(store.newBatch().deleteSession("c").putQueued("c", queued(2, "new")).addInboundQos2("c", 2)
                .putRetained(message("r", "gone")).removeRetained("r"));

        assertThat(store.loadQueue("c")).containsExactly(queued(2, "new"));
        assertThat(store.loadInboundQos2("c")).containsExactly(2);
        assertThat(store.loadRetained()).isEmpty();
    }

    @Test
    void aBatchIsAllOrNothingVisibleToConcurrentLoads() throws Exception {
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<String> violation = new AtomicReference<>();
        Thread reader = Thread.ofPlatform().start(() -> {
            while (!done.get() && violation.get() == null) {
                int size = store.loadQueue("c").size();
                if (size % 2 != 0) {
                    violation.set("saw half a batch: " + size + " entries");
                }
            }
        });
        List<CompletableFuture<Void>> commits = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            commits.add(store.commit(store.newBatch().putQueued("c", queued(2L * i, "a")).putQueued("c", queued(2L * i + 1, "b"))));
        }
        CompletableFuture.allOf(commits.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        done.set(true);
        reader.join();

        assertThat(violation.get()).isNull();
        assertThat(store.loadQueue("c")).hasSize(600);
    }

    @Test
    void anEmptyBatchCompletesImmediately() {
        Store.Batch batch = store.newBatch();
        assertThat(batch.isEmpty()).isTrue();
        assertThat(store.commit(batch)).isCompleted();
    }

    @Test
    void commitAfterCloseFailsFast() {
        store.close();
        assertThatThrownBy(() -> store.commit(store.newBatch().putRetained(message("a", "b"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> store.commit(store.newBatch())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rejectsNegativeSeqAndPacketIdsOutsideTheMqttRange() {
        Store.Batch batch = store.newBatch();
        assertThatThrownBy(() -> batch.putQueued("c", queued(-1, "x"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> batch.addInboundQos2("c", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> batch.addInboundQos2("c", 65_536)).isInstanceOf(IllegalArgumentException.class);
        assertThat(batch.isEmpty()).isTrue();
    }

    @Test
    void loadsOfUnknownClientsAreEmpty() {
        assertThat(store.loadSessions()).isEmpty();
        assertThat(store.loadQueue("ghost")).isEmpty();
        assertThat(store.loadInboundQos2("ghost")).isEmpty();
        assertThat(store.loadRetained()).isEmpty();
    }
}
