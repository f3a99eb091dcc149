package io.bastionmq.it.transport;

import io.bastionmq.testkit.RawPacket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A byte-level MQTT-over-WebSocket peer built on {@link java.net.http.WebSocket}: it sends the
 * frames it is told to (binary or text, whole or fragmented) and exposes what comes back as one
 * byte stream, so a test controls framing exactly (MQTT 6.0).
 */
final class WebSocketPeer implements AutoCloseable {
    private final HttpClient http = HttpClient.newHttpClient();
    private final LinkedBlockingQueue<Byte> received = new LinkedBlockingQueue<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final WebSocket socket;

    private WebSocketPeer(URI uri) throws Exception {
        socket = http.newWebSocketBuilder()
                .subprotocols("mqtt")
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(uri, new Listener())
                .get(5, TimeUnit.SECONDS);
    }

    static WebSocketPeer connect(String uri) throws Exception {
        return new WebSocketPeer(URI.create(uri));
    }

    /** The subprotocol the server selected in its handshake response. */
    String subprotocol() {
        return socket.getSubprotocol();
    }

    /** One binary frame; {@code last=false} makes it the first fragment of a message (RFC 6455 5.4). */
    WebSocketPeer sendBinary(byte[] bytes, boolean last) throws Exception {
        socket.sendBinary(ByteBuffer.wrap(bytes), last).get(5, TimeUnit.SECONDS);
        return this;
    }

    WebSocketPeer sendText(String text) throws Exception {
        socket.sendText(text, true).get(5, TimeUnit.SECONDS);
        return this;
    }

    /** The next {@code n} bytes the server sent, across frames; fails after 5 s. */
    byte[] read(int n) throws InterruptedException {
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            Byte b = received.poll(5, TimeUnit.SECONDS);
            if (b == null) {
                throw new AssertionError("only " + i + " of " + n + " bytes received within 5 s");
            }
            out[i] = b;
        }
        return out;
    }

    /** The next MQTT packet in the received stream, framed by its fixed header alone. */
    RawPacket readPacket() throws InterruptedException {
        int first = read(1)[0] & 0xff;
        int remaining = 0;
        for (int shift = 0; ; shift += 7) {
            int digit = read(1)[0] & 0xff;
            remaining |= (digit & 0x7f) << shift;
            if ((digit & 0x80) == 0) {
                break;
            }
        }
        return new RawPacket(first >> 4, first & 0x0f, read(remaining));
    }

    /** Whether the server closed the WebSocket (close frame, or the TCP connection) within the time. */
    boolean awaitClosed(Duration within) throws InterruptedException {
        return closed.await(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        socket.abort();
        http.close();
    }

    private final class Listener implements WebSocket.Listener {
        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            while (data.hasRemaining()) {
                received.add(data.get());
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            // MQTT-6.0.0-1 binds the client as well; record it so that a test can see it.
            received.add((byte) 0xff);
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.countDown();
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.countDown();
        }
    }
}
