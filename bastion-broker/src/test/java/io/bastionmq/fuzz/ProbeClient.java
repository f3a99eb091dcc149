package io.bastionmq.fuzz;

import io.bastionmq.codec.decode.PacketDecoder;
import io.bastionmq.codec.reason.ProtocolViolation;
import io.bastionmq.codec.packet.ConnAck;
import io.bastionmq.codec.packet.MqttVersion;
import io.bastionmq.codec.packet.Packet;
import io.bastionmq.codec.reason.ConnAckReason;
import io.bastionmq.codec.wire.FixedHeader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A byte-level MQTT client over a plain socket for the fuzz targets. What it sends is written by
 * hand here; what the broker sends back goes through the strict decoder, so a malformed reply
 * fails the input as surely as a crash would.
 */
final class ProbeClient implements AutoCloseable {
    /** Generous: only a broken broker takes this long on loopback. */
    private static final int HANDSHAKE_TIMEOUT_MILLIS = 2_000;
    private static final int MAX_REPLY_SIZE = 1024 * 1024;
    private static final AtomicInteger CONNECTIONS = new AtomicInteger();

    private final Socket socket;
    private final MqttVersion version;
    private final InputStream in;
    private final OutputStream out;
    private final ByteBuf received = Unpooled.buffer();

    private ProbeClient(Socket socket, MqttVersion version) throws IOException {
        this.socket = socket;
        this.version = version;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /**
     * Connects with a clean session and no keep alive, and waits for a successful CONNACK. Each
     * connection comes from its own loopback address (Linux routes all of 127.0.0.0/8 to lo), so
     * that the broker's per-address admission limits (connect rate, connections per address,
     * flapping) never refuse a fuzz input: they are not what this target tests.
     */
    static ProbeClient connect(int port, MqttVersion version, String clientId) throws IOException {
        Socket socket = new Socket();
        try {
            socket.bind(new InetSocketAddress(nextSourceAddress(), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), HANDSHAKE_TIMEOUT_MILLIS);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(HANDSHAKE_TIMEOUT_MILLIS);
            ProbeClient client = new ProbeClient(socket, version);
            client.send(connect(version, clientId));
            Packet reply = client.nextPacket();
            if (!(reply instanceof ConnAck connAck) || connAck.reason() != ConnAckReason.SUCCESS) {
                throw new AssertionError("broker refused a valid CONNECT from " + clientId + ": " + reply);
            }
            return client;
        } catch (IOException | RuntimeException | AssertionError e) {
            socket.close();
            throw e;
        }
    }

    /** 127.1.0.0 onwards, one address per connection: 16 million before it wraps. */
    private static InetAddress nextSourceAddress() throws IOException {
        int n = CONNECTIONS.getAndIncrement() & 0x00FF_FFFF;
        return InetAddress.getByAddress(new byte[] {127, (byte) (1 + (n >>> 16) % 254), (byte) (n >>> 8), (byte) n});
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next whole packet from the broker, decoded strictly; fails on a timeout or a close. */
    Packet nextPacket() throws IOException {
        while (true) {
            Packet packet = decodeNext();
            if (packet != null) {
                return packet;
            }
            if (!readSome()) {
                throw new AssertionError("broker closed the connection of a well-behaved client");
            }
        }
    }

    /**
     * Sends {@code bytes}, closes the sending half (the broker sees end of stream and closes
     * once it has handled every whole packet), then reads until the broker closes or the budget
     * runs out. A broker that cancels the connection half-way through the writes is within its
     * rights. Every reply that arrived whole must be a well-formed packet.
     *
     * @return the replies, in order
     */
    List<Packet> sendAllAndDrain(byte[] bytes, Duration budget) throws IOException {
        long deadline = System.nanoTime() + budget.toNanos();
        try {
            out.write(bytes);
            out.flush();
            socket.shutdownOutput();
        } catch (IOException closedByBroker) {
            // The broker closed on an earlier packet; what it answered before that is still readable.
        }
        List<Packet> replies = new ArrayList<>();
        while (true) {
            for (Packet p = decodeNext(); p != null; p = decodeNext()) {
                replies.add(p);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return replies;
            }
            socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
            try {
                if (!readSome()) {
                    return replies;
                }
            } catch (SocketTimeoutException budgetSpent) {
                return replies;
            } catch (IOException reset) {
                return replies;
            }
        }
    }

    private boolean readSome() throws IOException {
        byte[] chunk = new byte[8192];
        int n = in.read(chunk);
        if (n < 0) {
            return false;
        }
        received.writeBytes(chunk, 0, n);
        return true;
    }

    /** Decodes one packet from what has been received, or returns null if it is not all there yet. */
    private Packet decodeNext() {
        try {
            FixedHeader header = PacketDecoder.readFixedHeader(received, MAX_REPLY_SIZE);
            if (header == null || received.readableBytes() < header.packetSize()) {
                return null;
            }
            received.skipBytes(header.headerLength());
            Packet packet = PacketDecoder.decode(header, received.readSlice(header.remainingLength()), version);
            received.discardReadBytes();
            return packet;
        } catch (ProtocolViolation v) {
            throw new AssertionError("broker sent a malformed packet to a " + version + " client: " + v, v);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        received.release();
    }

    // Packets, written by hand (MQTT-3.1 / MQTT5 3.1, 3.3, 3.8).

    /** CONNECT with clean start, keep alive 0 (none), no will, no credentials, no properties. */
    static byte[] connect(MqttVersion version, String clientId) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeString(body, "MQTT");
        body.write(version.level());
        body.write(0x02); // connect flags: clean start
        body.write(0x00); // keep alive MSB
        body.write(0x00); // keep alive LSB
        if (version.isV5()) {
            body.write(0x00); // property length
        }
        writeString(body, clientId);
        return packet(0x10, body);
    }

    /** SUBSCRIBE packet id 1 to one filter at QoS 0. */
    static byte[] subscribe(MqttVersion version, String filter) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(0x00);
        body.write(0x01);
        if (version.isV5()) {
            body.write(0x00);
        }
        writeString(body, filter);
        body.write(0x00); // subscription options: QoS 0
        return packet(0x82, body); // MQTT-3.8.1-1: flags 0010
    }

    /** PUBLISH QoS 0, not retained. */
    static byte[] publish(MqttVersion version, String topic, String payload) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeString(body, topic);
        if (version.isV5()) {
            body.write(0x00);
        }
        body.writeBytes(payload.getBytes(StandardCharsets.UTF_8));
        return packet(0x30, body);
    }

    private static void writeString(ByteArrayOutputStream out, String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.write(utf8.length >>> 8);
        out.write(utf8.length & 0xFF);
        out.writeBytes(utf8);
    }

    /** First byte, remaining length as a Variable Byte Integer (MQTT5 1.5.5), body. */
    private static byte[] packet(int firstByte, ByteArrayOutputStream body) {
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.write(firstByte);
        int length = body.size();
        do {
            int digit = length & 0x7F;
            length >>>= 7;
            packet.write(length > 0 ? digit | 0x80 : digit);
        } while (length > 0);
        packet.writeBytes(body.toByteArray());
        return packet.toByteArray();
    }
}
