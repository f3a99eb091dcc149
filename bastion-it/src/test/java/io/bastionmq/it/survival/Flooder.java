package io.bastionmq.it.survival;

import io.bastionmq.testkit.Packets;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A client that publishes as fast as TCP allows: CONNECT (3.1.1), then batches of QoS 0 and QoS 1
 * PUBLISH packets alternating, never waiting for an acknowledgement (a reader thread discards
 * whatever the broker sends). It stops when {@link #close} closes its socket, or after
 * {@code maxMessages}.
 */
final class Flooder implements AutoCloseable {
    private static final int PER_BATCH = 64;

    private final Socket socket;
    private final Thread writer;
    private final Thread reader;
    private final AtomicLong sent = new AtomicLong();
    private volatile String endedBy = "still running";

    private Flooder(Socket socket, String topic, int payloadBytes, long maxMessages) throws IOException {
        this.socket = socket;
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        reader = Thread.ofPlatform().daemon().name("flood-read-" + topic).start(() -> discard(in));
        writer = Thread.ofPlatform().daemon().name("flood-write-" + topic)
                .start(() -> flood(out, topic, payloadBytes, maxMessages));
    }

    /** Connects from {@code from} with client id {@code clientId} and starts flooding {@code topic}. */
    static Flooder start(InetAddress from, int port, String clientId, String topic, int payloadBytes, long maxMessages) {
        try {
            Socket s = Sockets.open(from, port, 5_000);
            s.setSoTimeout(10_000);
            s.getOutputStream().write(Packets.connect311(clientId, true, 60));
            Sockets.Packet connack = Sockets.await(s.getInputStream(), 2);
            if (connack.body()[1] != 0) {
                s.close();
                throw new AssertionError("flooder " + clientId + " refused: " + connack.body()[1]);
            }
            s.setSoTimeout(0);
            return new Flooder(s, topic, payloadBytes, maxMessages);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void flood(OutputStream out, String topic, int payloadBytes, long maxMessages) {
        byte[] payload = new byte[payloadBytes];
        List<byte[]> packets = new ArrayList<>();
        List<Integer> idOffsets = new ArrayList<>();
        int offset = 0;
        for (int i = 0; i < PER_BATCH; i++) {
            int qos = i % 2;
            byte[] p = Packets.publish311(topic, qos, false, 1, payload);
            if (qos == 1) {
                // Packet id: after the fixed header (1 byte + remaining length) and the topic.
                int headerLength = p.length - (2 + topic.length() + 2 + payloadBytes);
                idOffsets.add(offset + headerLength + 2 + topic.length());
            }
            packets.add(p);
            offset += p.length;
        }
        byte[] batch = new byte[offset];
        int at = 0;
        for (byte[] p : packets) {
            System.arraycopy(p, 0, batch, at, p.length);
            at += p.length;
        }
        int packetId = 0;
        try {
            while (sent.get() < maxMessages) {
                for (int o : idOffsets) {
                    packetId = packetId % 65535 + 1;
                    batch[o] = (byte) (packetId >> 8);
                    batch[o + 1] = (byte) packetId;
                }
                out.write(batch);
                sent.addAndGet(PER_BATCH);
            }
            endedBy = "message bound reached";
        } catch (IOException e) {
            endedBy = socket.isClosed() ? "stopped" : "broker closed the connection: " + e.getMessage();
        }
    }

    private void discard(InputStream in) {
        byte[] buffer = new byte[65536];
        try {
            while (in.read(buffer) >= 0) {
                // Acknowledgements are not waited for; reading them keeps the broker's writes flowing.
            }
        } catch (IOException ignored) {
            // The socket was closed, by the test or by the broker; the writer reports which.
        }
    }

    long sent() {
        return sent.get();
    }

    String endedBy() {
        return endedBy;
    }

    @Override
    public void close() {
        Sockets.closeQuietly(socket);
        try {
            writer.join(Duration.ofSeconds(5));
            reader.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
