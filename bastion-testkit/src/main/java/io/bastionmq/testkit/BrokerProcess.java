package io.bastionmq.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The broker in its own JVM, so that a test can {@code kill -9} it and start it again on the same
 * data, as Mosquitto's {@code test/broker} does. It runs {@code io.bastionmq.cli.Main start --config
 * <file>} with this JVM's java executable and class path; stdout and stderr go to
 * {@code <workDir>/broker-<n>.log}.
 *
 * <pre>{@code
 * int port = BrokerProcess.freePort();
 * try (BrokerProcess broker = BrokerProcess.start(config, dir, port)) {
 *     ...
 *     broker.kill();                                // SIGKILL: no shutdown hook runs
 * }
 * }</pre>
 */
public final class BrokerProcess implements AutoCloseable {

    static final String MAIN_CLASS = "io.bastionmq.cli.Main";
    static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);
    /** The broker logs this once a listener is bound. */
    static final String READY_LINE = "listening on";
    private static final int LOG_TAIL_LINES = 50;
    private static final Duration POLL = Duration.ofMillis(50);

    private final Process process;
    private final Path logFile;

    private BrokerProcess(Process process, Path logFile) {
        this.process = process;
        this.logFile = logFile;
    }

    /** Starts the broker and waits until its log says {@value #READY_LINE}. */
    public static BrokerProcess start(Path configFile, Path workDir) {
        return start(MAIN_CLASS, List.of("start", "--config", configFile.toString()), workDir, 0);
    }

    /** As {@link #start(Path, Path)}, and also waits until the TCP port on 127.0.0.1 accepts connections. */
    public static BrokerProcess start(Path configFile, Path workDir, int port) {
        return start(MAIN_CLASS, List.of("start", "--config", configFile.toString()), workDir, port);
    }

    /** Any main class on the class path; the kit's own tests use a stand-in for the broker. */
    static BrokerProcess start(String mainClass, List<String> args, Path workDir, int port) {
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(args);
        Path logFile = newLogFile(workDir);
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot launch " + command, e);
        }
        BrokerProcess broker = new BrokerProcess(process, logFile);
        broker.awaitReady(port);
        return broker;
    }

    /** A port that was free a moment ago on 127.0.0.1; another process may still take it first. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL on Linux ({@link Process#destroyForcibly}), then waits for the process to be gone. */
    public void kill() {
        process.destroyForcibly();
        waitFor(STARTUP_TIMEOUT, "kill");
    }

    /** SIGTERM, so shutdown hooks run; returns the exit code, or fails (and kills) after the timeout. */
    public int stop(Duration timeout) {
        process.destroy();
        if (!waitFor(timeout, null)) {
            process.destroyForcibly();
            waitFor(STARTUP_TIMEOUT, "kill");
            throw new AssertionError("broker did not stop within " + timeout.toMillis()
                    + " ms of SIGTERM and was killed\n" + tail());
        }
        return process.exitValue();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    public Path logFile() {
        return logFile;
    }

    /** Everything the broker has written to stdout and stderr so far (malformed UTF-8 replaced). */
    public String log() {
        try {
            return new String(Files.readAllBytes(logFile), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    private void awaitReady(int port) {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        boolean logged = false;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("broker exited with code " + process.exitValue()
                        + " before it was ready\n" + tail());
            }
            logged = logged || log().contains(READY_LINE);
            // Probe the port only after the log line, so that a slow start costs one probe, not hundreds.
            if (logged && (port == 0 || accepts(port))) {
                return;
            }
            sleep(POLL);
        }
        close();
        throw new AssertionError("broker not ready within " + STARTUP_TIMEOUT.toSeconds() + " s ("
                + (logged ? "port " + port + " never accepted a connection" : "no \"" + READY_LINE + "\" line")
                + ")\n" + tail());
    }

    private static boolean accepts(int port) {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private boolean waitFor(Duration timeout, @Nullable String failIfLate) {
        try {
            boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!exited && failIfLate != null) {
                throw new AssertionError("broker pid " + pid() + " still alive " + timeout.toMillis()
                        + " ms after " + failIfLate);
            }
            return exited;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker", e);
        }
    }

    private String tail() {
        List<String> lines = log().lines().toList();
        List<String> last = lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size());
        return "--- last " + last.size() + " lines of " + logFile + " ---\n" + String.join("\n", last);
    }

    /** broker-1.log, broker-2.log, …: the first free name, claimed atomically. */
    private static Path newLogFile(Path workDir) {
        try {
            Files.createDirectories(workDir);
            for (int n = 1; ; n++) {
                try {
                    return Files.createFile(workDir.resolve("broker-" + n + ".log"));
                } catch (FileAlreadyExistsException taken) {
                    // A previous start in this directory; try the next number.
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker", e);
        }
    }
}
