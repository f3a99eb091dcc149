package io.bastionmq.it.tls;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * CONNECT by hand over a TLS socket, sharing no code with the broker's codec: for the tests that
 * need the exact CONNACK byte.
 */
final class TlsWire {
    private TlsWire() {}

    static SSLSocket open(SSLContext ctx, int port) throws IOException {
        SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", port);
        s.setSoTimeout(5_000);
        s.startHandshake();
        return s;
    }

    /**
     * Sends CONNECT (clean start, keep alive 60, no credentials) and returns the CONNACK reason
     * code (MQTT 5) or return code (3.1.1).
     */
    static int connect(SSLSocket s, String clientId, boolean v5) throws IOException {
        byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(new byte[] {0, 4, 'M', 'Q', 'T', 'T'});   // protocol name
        body.write(v5 ? 5 : 4);                                // protocol level
        body.write(0x02);                                      // flags: clean start
        body.write(new byte[] {0, 60});                        // keep alive
        if (v5) body.write(0);                                 // property length 0
        body.write(id.length >> 8);
        body.write(id.length & 0xFF);
        body.write(id);                                        // client identifier
        byte[] b = body.toByteArray();
        s.getOutputStream().write(new byte[] {0x10, (byte) b.length}); // CONNECT, remaining length (< 128)
        s.getOutputStream().write(b);
        s.getOutputStream().flush();
        DataInputStream in = new DataInputStream(s.getInputStream());
        int type = in.readUnsignedByte();
        if (type != 0x20) throw new IOException("expected CONNACK, got 0x" + Integer.toHexString(type));
        int length = in.readUnsignedByte();
        byte[] rest = new byte[length];
        in.readFully(rest);
        return rest[1] & 0xFF;                                 // [0] = session present, [1] = reason
    }

    /** True once the peer has closed the connection (EOF) within the socket timeout. */
    static boolean closedByPeer(SSLSocket s) {
        try {
            InputStream in = s.getInputStream();
            while (true) {
                if (in.read() < 0) return true;
            }
        } catch (IOException e) {
            return !(e instanceof java.net.SocketTimeoutException);
        }
    }
}
