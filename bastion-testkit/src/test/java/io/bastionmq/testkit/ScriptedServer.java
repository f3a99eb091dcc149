package io.bastionmq.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A one-connection peer on 127.0.0.1 that plays a fixed script (send bytes, wait for bytes, close,
 * reset) and records what it receives, so RawClient can be tested without a broker. Without a
 * closing step the connection stays open until the test closes the server.
 */
final class ScriptedServer implements AutoCloseable {

    private interface Step {
        void run(Socket socket) throws IOException, InterruptedException;
    }

    private final ServerSocket server;
    private final List<Step> steps = new ArrayList<>();
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private volatile Socket accepted = new Socket();

    ScriptedServer() throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }

    ScriptedServer send(String hex) {
        byte[] bytes = Hex.parse(hex);
        steps.add(socket -> {
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
        });
        return this;
    }

    /** Waits until the client has sent at least this many bytes in all. */
    ScriptedServer awaitReceived(int count) {
        steps.add(socket -> {
            while (received().length < count) {
                Thread.sleep(5);
            }
        });
        return this;
    }

    ScriptedServer pause(Duration duration) {
        steps.add(socket -> Thread.sleep(duration));
        return this;
    }

    /** An orderly close: the client reads end of stream. */
    ScriptedServer closeConnection() {
        steps.add(Socket::close);
        return this;
    }

    /** SO_LINGER 0 then close: the kernel sends RST, the client sees "connection reset". */
    ScriptedServer resetConnection() {
        steps.add(socket -> {
            socket.setSoLinger(true, 0);
            socket.close();
        });
        return this;
    }

    ScriptedServer start() {
        Thread.ofVirtual().start(() -> {
            try {
                Socket socket = server.accept();
                accepted = socket;
                Thread.ofVirtual().start(() -> record(socket));
                for (Step step : steps) {
                    step.run(socket);
                }
                done.complete(null);
            } catch (IOException | InterruptedException | RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return this;
    }

    int port() {
        return server.getLocalPort();
    }

    RawClient client() {
        return RawClient.connect("127.0.0.1", port());
    }

    byte[] received() {
        synchronized (received) {
            return received.toByteArray();
        }
    }

    /** Waits for the script to finish; rethrows what went wrong in it. */
    void awaitScript() throws Exception {
        done.get(5, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws IOException {
        accepted.close();
        server.close();
    }

    private void record(Socket socket) {
        try {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                synchronized (received) {
                    received.write(buffer, 0, n);
                }
            }
        } catch (IOException closed) {
            // The script or the test closed the socket: recording ends there.
        }
    }
}
