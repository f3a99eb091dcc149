package io.bastionmq.store.rocksdb;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit: callers hand in batches without blocking; one committer thread takes everything
 * pending, writes it as one group (one write, one sync), then completes the callers' futures.
 * While a group is being synced the next one accumulates, so the sync cost is shared by every
 * batch that arrived meanwhile: the more load, the bigger the groups, the fewer syncs per batch.
 *
 * <p>Futures are completed on the committer thread with no lock held. A caller that chains work
 * onto the future should hop back to its own executor (e.g. its event loop) rather than run long
 * work on the committer. If the write fails, every future of that group fails with the cause.
 *
 * @param <B> what one caller commits
 */
final class GroupCommitter<B> implements AutoCloseable {

    /** Writes one group, in arrival order, as a single atomic write. */
    interface GroupWriter<B> {
        void write(List<B> group) throws Exception;
    }

    private record Pending<B>(B batch, CompletableFuture<Void> done) {}

    private final GroupWriter<B> writer;
    private final Thread thread;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition hasWork = lock.newCondition();
    private List<Pending<B>> pending = new ArrayList<>();
    private boolean closed;

    private final AtomicLong groups = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();

    GroupCommitter(String threadName, GroupWriter<B> writer) {
        this.writer = writer;
        // Daemon: a store that is never closed must not keep the JVM alive; its unacknowledged
        // commits are lost, which is what the caller was told by their incomplete futures.
        this.thread = Thread.ofPlatform().name(threadName).daemon().unstarted(this::run);
        thread.start();
    }

    /** Queues a batch; never blocks beyond a short lock. Throws IllegalStateException once closed. */
    CompletableFuture<Void> submit(B batch) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("store is closed");
            }
            pending.add(new Pending<>(batch, done));
            if (pending.size() == 1) {
                hasWork.signal();
            }
        } finally {
            lock.unlock();
        }
        return done;
    }

    long groupCommits() {
        return groups.get();
    }

    long batchesCommitted() {
        return batches.get();
    }

    /** Refuses new batches, commits everything already queued, and waits for the committer to finish. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            hasWork.signal();
        } finally {
            lock.unlock();
        }
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                // Keep waiting: returning early would let the caller close RocksDB under a running write.
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<Pending<B>> group;
        while ((group = takeGroup()) != null) {
            List<B> writes = new ArrayList<>(group.size());
            for (Pending<B> p : group) {
                writes.add(p.batch());
            }
            Throwable failure = null;
            try {
                writer.write(writes);
                groups.incrementAndGet();
                batches.addAndGet(group.size());
            } catch (Throwable t) {
                failure = t;
            }
            for (Pending<B> p : group) {
                if (failure == null) {
                    p.done().complete(null);
                } else {
                    p.done().completeExceptionally(failure);
                }
            }
        }
    }

    /** Everything pending, or null once closed and drained. */
    private List<Pending<B>> takeGroup() {
        lock.lock();
        try {
            while (pending.isEmpty()) {
                if (closed) {
                    return null;
                }
                hasWork.awaitUninterruptibly();
            }
            List<Pending<B>> group = pending;
            pending = new ArrayList<>();
            return group;
        } finally {
            lock.unlock();
        }
    }
}
