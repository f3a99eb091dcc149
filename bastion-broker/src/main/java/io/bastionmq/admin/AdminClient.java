package io.bastionmq.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * The CLI's side of the admin endpoint: reads {@code <data_dir>/admin.token}, sends one request to
 * {@code <data_dir>/admin.sock} and returns the answer.
 *
 * <pre>
 * AdminClient admin = AdminClient.forDataDir(dir);
 * JsonNode answer = admin.call(admin.request("ban.list"));
 * </pre>
 */
public final class AdminClient {
    /** The longest answer read: a list of many users or certificates is larger than any request. */
    static final int MAX_ANSWER_BYTES = 16 * 1024 * 1024;
    private final Path socketFile;
    private final String token;

    private AdminClient(Path socketFile, String token) {
        this.socketFile = socketFile;
        this.token = token;
    }

    /** The endpoint cannot be reached: no token or socket file, or nobody listening. */
    public static final class UnavailableException extends RuntimeException {
        UnavailableException(String message, @Nullable Throwable cause) {
            super(message, cause);
        }
    }

    /** The broker answered with an error; the message is its reason. */
    public static final class RefusedException extends RuntimeException {
        RefusedException(String message) {
            super(message);
        }
    }

    /** The endpoint of the broker running on {@code dataDir}; reads its token now. */
    public static AdminClient forDataDir(Path dataDir) {
        Path tokenFile = dataDir.resolve(AdminEndpoint.TOKEN_FILE);
        try {
            return new AdminClient(dataDir.resolve(AdminEndpoint.SOCKET_FILE), Files.readString(tokenFile, StandardCharsets.US_ASCII).strip());
        } catch (IOException e) {
            throw new UnavailableException("cannot read the admin token " + tokenFile + ": " + e, e);
        }
    }

    /** A request for {@code command} carrying the token; add the command's fields to it. */
    public ObjectNode request(String command) {
        return AdminCommands.JSON.createObjectNode().put("token", token).put("command", command);
    }

    /**
     * True when something listens on the socket: a broker runs on this data directory. Connects
     * and closes without a request (the endpoint answers nothing to that); a socket file left by a
     * broker that died, or none at all, is false.
     */
    public boolean listening() {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            return ch.connect(UnixDomainSocketAddress.of(socketFile));
        } catch (IOException e) {
            return false;
        }
    }

    /** Sends the request and returns the answer when it is {@code "ok":true}; throws {@link RefusedException} with the error otherwise. */
    public JsonNode call(ObjectNode request) {
        String answer;
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socketFile));
            ByteBuffer out = ByteBuffer.wrap((request.toString() + "\n").getBytes(StandardCharsets.UTF_8));
            while (out.hasRemaining()) {
                ch.write(out);
            }
            answer = AdminEndpoint.readLine(ch, MAX_ANSWER_BYTES);
        } catch (java.io.EOFException e) {
            throw new UnavailableException("the admin endpoint " + socketFile + " closed the connection without an answer", e);
        } catch (IOException e) {
            throw new UnavailableException("cannot reach the admin endpoint " + socketFile + ": " + e, e);
        }
        if (answer == null) {
            throw new UnavailableException("the admin endpoint " + socketFile + " sent an answer longer than "
                    + MAX_ANSWER_BYTES + " bytes", null);
        }
        JsonNode node;
        try {
            node = AdminCommands.JSON.readTree(answer);
        } catch (JsonProcessingException e) {
            throw new UnavailableException("the admin endpoint " + socketFile + " sent a malformed answer", e);
        }
        if (!node.path("ok").asBoolean(false)) {
            throw new RefusedException(node.path("error").asText("refused"));
        }
        return node;
    }
}
