package io.bastionmq.fuzz;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.LoggerFactory;

/**
 * Hears what the broker does not say to the client: a warning or error logged by the broker or
 * Netty (an unexpected exception on a connection, a task that threw on an event loop, a leaked
 * buffer) and an exception that killed a thread. Each one is a finding. A recorder, not a mock.
 */
final class BrokerWatch extends AppenderBase<ILoggingEvent> implements Thread.UncaughtExceptionHandler {
    private final Queue<String> findings = new ConcurrentLinkedQueue<>();
    private final Queue<Throwable> causes = new ConcurrentLinkedQueue<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private Thread.UncaughtExceptionHandler previousHandler;

    /** Starts listening to the root logger and to uncaught exceptions of every thread. */
    static BrokerWatch install() {
        BrokerWatch watch = new BrokerWatch();
        watch.setContext(watch.root.getLoggerContext());
        watch.setName("fuzz-broker-watch");
        watch.start();
        watch.root.addAppender(watch);
        watch.previousHandler = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler(watch);
        return watch;
    }

    void uninstall() {
        root.detachAppender(this);
        stop();
        Thread.setDefaultUncaughtExceptionHandler(previousHandler);
    }

    @Override
    protected void append(ILoggingEvent event) {
        String logger = event.getLoggerName();
        if (!event.getLevel().isGreaterOrEqual(Level.WARN) || !(logger.startsWith("io.bastionmq") || logger.startsWith("io.netty"))) {
            return;
        }
        findings.add(event.getLevel() + " " + logger + ": " + event.getFormattedMessage());
        if (event.getThrowableProxy() instanceof ThrowableProxy proxy) {
            causes.add(proxy.getThrowable());
        }
    }

    @Override
    public void uncaughtException(Thread thread, Throwable e) {
        findings.add("thread " + thread.getName() + " died: " + e);
        causes.add(e);
    }

    /** Fails with everything heard since the last call, the first cause attached. */
    void assertQuiet() {
        if (findings.isEmpty()) {
            return;
        }
        AssertionError error = new AssertionError("the broker reported trouble: " + String.join(" | ", findings), causes.peek());
        findings.clear();
        causes.clear();
        throw error;
    }
}
