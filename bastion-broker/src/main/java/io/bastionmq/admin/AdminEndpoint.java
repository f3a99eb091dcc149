package io.bastionmq.admin;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Unix domain socket {@code <data_dir>/admin.sock} of a running broker. At start it writes a
 * fresh random token (32 bytes, base64url) to {@code <data_dir>/admin.token} with mode 0600, makes
 * the socket file 0600 and takes the world's permissions off the data directory; at close it
 * deletes both files. One thread accepts; each client is served on its own virtual thread, at most
 * {@link #MAX_CLIENTS} at once, one request line of at most {@link #MAX_LINE_BYTES} bytes read
 * within {@link #READ_TIMEOUT}, one answer line written, then the connection is closed.
 */
public final class AdminEndpoint implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AdminEndpoint.class);
    public static final String SOCKET_FILE = "admin.sock";
    public static final String TOKEN_FILE = "admin.token";
    static final int TOKEN_BYTES = 32;
    public static final int MAX_LINE_BYTES = 64 * 1024;
    static final int MAX_CLIENTS = 8;
    static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Path socketFile;
    private final Path tokenFile;
    private final ServerSocketChannel server;
    private final Function<String, String> handler;
    private final Semaphore slots = new Semaphore(MAX_CLIENTS);
    private final ScheduledExecutorService deadlines;
    private final Thread acceptor;
    private volatile boolean closed;

    private AdminEndpoint(Path socketFile, Path tokenFile, ServerSocketChannel server, Function<String, String> handler) {
        this.socketFile = socketFile;
        this.tokenFile = tokenFile;
        this.server = server;
        this.handler = handler;
        this.deadlines = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bastion-admin-timeouts");
            t.setDaemon(true);
            return t;
        });
        this.acceptor = new Thread(this::acceptLoop, "bastion-admin");
        this.acceptor.setDaemon(true);
    }

    /** A fresh random token: 32 bytes from {@link SecureRandom}, base64url without padding. */
    public static String newToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Opens the endpoint in {@code dataDir}: removes a stale socket, writes the token, binds, and
     * starts accepting. {@code commands} is built from the token written.
     */
    public static AdminEndpoint open(Path dataDir, Function<String, AdminCommands> commands) throws IOException {
        Files.createDirectories(dataDir);
        closeToTheWorld(dataDir);
        Path socketFile = dataDir.resolve(SOCKET_FILE);
        Path tokenFile = dataDir.resolve(TOKEN_FILE);
        Files.deleteIfExists(socketFile); // stale, from a broker that did not stop cleanly; the store lock keeps out a live one
        String token = newToken();
        writeOwnerOnly(tokenFile, token);
        AdminCommands handler = commands.apply(token);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(socketFile), MAX_CLIENTS);
            if (isPosix(socketFile)) {
                Files.setPosixFilePermissions(socketFile, OWNER_ONLY);
            }
        } catch (IOException | RuntimeException e) {
            server.close();
            Files.deleteIfExists(socketFile);
            Files.deleteIfExists(tokenFile);
            throw e;
        }
        AdminEndpoint endpoint = new AdminEndpoint(socketFile, tokenFile, server, line -> handler.handle(line).toString());
        endpoint.acceptor.start();
        log.info("admin endpoint listening on {}", socketFile.toAbsolutePath());
        return endpoint;
    }

    public Path socketFile() {
        return socketFile;
    }

    public Path tokenFile() {
        return tokenFile;
    }

    private static boolean isPosix(Path p) {
        return Files.getFileAttributeView(p, PosixFileAttributeView.class) != null;
    }

    /** Takes read, write and search permission for others off the data directory. */
    private static void closeToTheWorld(Path dir) throws IOException {
        if (!isPosix(dir)) {
            return;
        }
        Set<PosixFilePermission> perms = EnumSet.copyOf(Files.getPosixFilePermissions(dir));
        if (perms.removeAll(EnumSet.of(PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE,
                PosixFilePermission.OTHERS_EXECUTE))) {
            Files.setPosixFilePermissions(dir, perms);
            log.info("data directory {} is no longer accessible to other users", dir.toAbsolutePath());
        }
    }

    /** Writes {@code text} to a new file created with mode 0600 (never readable by others, even briefly). */
    private static void writeOwnerOnly(Path file, String text) throws IOException {
        Files.deleteIfExists(file);
        Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try (SeekableByteChannel ch = isPosix(file.getParent())
                ? Files.newByteChannel(file, options, PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                : Files.newByteChannel(file, options)) {
            ByteBuffer b = ByteBuffer.wrap((text + "\n").getBytes(StandardCharsets.US_ASCII));
            while (b.hasRemaining()) {
                ch.write(b);
            }
        }
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (!closed) {
                    log.warn("admin endpoint: accept failed: {}", e.toString());
                }
                continue;
            }
            if (!slots.tryAcquire()) {
                Thread.ofVirtual().name("bastion-admin-busy").start(() -> refuseBusy(client));
                continue;
            }
            Thread.ofVirtual().name("bastion-admin-client").start(() -> {
                try {
                    serve(client);
                } finally {
                    slots.release();
                }
            });
        }
    }

    private void refuseBusy(SocketChannel client) {
        try (client) {
            write(client, AdminCommands.error("busy: " + MAX_CLIENTS + " admin clients at once; try again").toString());
        } catch (IOException e) {
            log.debug("admin endpoint: busy answer not delivered: {}", e.toString());
        }
    }

    private void serve(SocketChannel client) {
        ScheduledFuture<?> deadline = deadlines.schedule(() -> closeQuietly(client), READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        try (client) {
            String line;
            try {
                line = readLine(client, MAX_LINE_BYTES);
            } catch (EOFException e) {
                return; // the CLI's probe for a running broker connects and closes without a request
            }
            if (line == null) {
                write(client, AdminCommands.error("request longer than " + MAX_LINE_BYTES + " bytes, or not ended by a newline")
                        .toString());
                return;
            }
            deadline.cancel(false);
            write(client, handler.apply(line));
        } catch (IOException e) {
            log.debug("admin endpoint: client dropped: {}", e.toString());
        } finally {
            deadline.cancel(false);
        }
    }

    /**
     * One line, without its newline; null when it is longer than {@code maxBytes}. Throws {@link EOFException} when the
     * peer ends the stream before a newline.
     */
    static @Nullable String readLine(SocketChannel client, int maxBytes) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        ByteBuffer buf = ByteBuffer.allocate(4096);
        while (true) {
            buf.clear();
            int n = client.read(buf);
            if (n < 0) {
                throw new EOFException(line.size() == 0 ? "closed before a line" : "closed in the middle of a line");
            }
            buf.flip();
            while (buf.hasRemaining()) {
                byte b = buf.get();
                if (b == '\n') {
                    return line.toString(StandardCharsets.UTF_8);
                }
                if (line.size() >= maxBytes) {
                    return null;
                }
                line.write(b);
            }
        }
    }

    private static void write(SocketChannel client, String answer) throws IOException {
        ByteBuffer b = ByteBuffer.wrap((answer + "\n").getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) {
            client.write(b);
        }
    }

    private static void closeQuietly(SocketChannel client) {
        try {
            client.close();
        } catch (IOException e) {
            log.debug("admin endpoint: close failed: {}", e.toString());
        }
    }

    /** Stops accepting and deletes the socket and token files. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            log.debug("admin endpoint: close failed: {}", e.toString());
        }
        deadlines.shutdownNow();
        try {
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(socketFile);
            Files.deleteIfExists(tokenFile);
        } catch (IOException e) {
            log.warn("admin endpoint: could not delete {} or {}: {}", socketFile, tokenFile, e.toString());
        }
    }
}
