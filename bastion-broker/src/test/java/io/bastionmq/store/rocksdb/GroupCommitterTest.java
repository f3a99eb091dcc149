package io.bastionmq.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class GroupCommitterTest {

    @Test
    void aFailedWriteFailsEveryFutureOfItsGroupAndOnlyThatGroup() throws Exception {
        CountDownLatch firstWriteStarted = new CountDownLatch(1);
        CountDownLatch releaseFirstWrite = new CountDownLatch(1);
        List<List<String>> written = new ArrayList<>();
        try (GroupCommitter<String> committer = new GroupCommitter<>("test-commit", group -> {
            if (group.contains("hold")) {
                firstWriteStarted.countDown();
                releaseFirstWrite.await();
            }
            if (group.contains("bad")) {
                throw new IOException("disk full");
            }
            written.add(List.copyOf(group));
        })) {
            CompletableFuture<Void> held = committer.submit("hold");
            firstWriteStarted.await(5, TimeUnit.SECONDS);
            // These three queue up behind the held write and go out as one group.
            CompletableFuture<Void> a = committer.submit("a");
            CompletableFuture<Void> bad = committer.submit("bad");
            CompletableFuture<Void> c = committer.submit("c");
            releaseFirstWrite.countDown();

            held.get(5, TimeUnit.SECONDS);
            for (CompletableFuture<Void> f : List.of(a, bad, c)) {
                assertThatThrownBy(f::join).isInstanceOf(CompletionException.class).hasRootCauseMessage("disk full");
            }
            committer.submit("after").get(5, TimeUnit.SECONDS);
            assertThat(committer.groupCommits()).isEqualTo(2);
            assertThat(committer.batchesCommitted()).isEqualTo(2);
        }
        assertThat(written).containsExactly(List.of("hold"), List.of("after"));
    }

    @Test
    void aGroupKeepsArrivalOrder() throws Exception {
        CountDownLatch releaseFirstWrite = new CountDownLatch(1);
        List<List<Integer>> written = new ArrayList<>();
        try (GroupCommitter<Integer> committer = new GroupCommitter<>("test-commit", group -> {
            releaseFirstWrite.await();
            written.add(List.copyOf(group));
        })) {
            List<CompletableFuture<Void>> futures = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                futures.add(committer.submit(i));
            }
            releaseFirstWrite.countDown();
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
        }
        assertThat(written.stream().flatMap(List::stream).toList())
                .containsExactlyElementsOf(IntStream.range(0, 100).boxed().toList());
    }

    @Test
    void closeRefusesNewBatches() {
        GroupCommitter<String> committer = new GroupCommitter<>("test-commit", group -> {});
        committer.close();
        assertThatThrownBy(() -> committer.submit("late")).isInstanceOf(IllegalStateException.class);
    }
}
