package io.bastionmq.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bastionmq.limits.BanKind;
import io.bastionmq.limits.BanList;
import io.bastionmq.security.audit.AuditLog;
import io.bastionmq.security.authn.Enrolment;
import io.bastionmq.security.authn.HashParameters;
import io.bastionmq.security.authn.LiveConnections;
import io.bastionmq.security.authn.PasswordHashes;
import io.bastionmq.security.authn.PasswordPolicy;
import io.bastionmq.store.memory.MemoryStore;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminCommandsTest {
    private static final String TOKEN = "right-token";
    private static final String PASSWORD = "violet-tractor-harbour-57";

    private final MemoryStore store = new MemoryStore();
    private BanList bans;
    private Enrolment enrolment;
    private AdminCommands commands;

    @BeforeEach
    void setUp() {
        bans = new BanList(store, Clock.systemUTC());
        enrolment = new Enrolment(store, new PasswordHashes(new HashParameters(1024, 1, 1)), PasswordPolicy.DEFAULT,
                new LiveConnections(), Clock.systemUTC());
        enrolment.addUser("alice", PASSWORD.toCharArray(), Set.of(), false);
        commands = commands(TOKEN);
    }

    private AdminCommands commands(String token) {
        return new AdminCommands(token, AuditLog.disabled(), List.of(new BanAdmin(bans, Clock.systemUTC()),
                new UserAdmin(enrolment, AuditLog.disabled())));
    }

    private JsonNode send(String command, String... fields) {
        ObjectNode request = AdminCommands.JSON.createObjectNode().put("token", TOKEN).put("command", command);
        for (int i = 0; i < fields.length; i += 2) {
            request.put(fields[i], fields[i + 1]);
        }
        return commands.handle(request.toString());
    }

    @Test
    void wrongMissingOrMalformedTokenIsRefusedBeforeAnyCommand() {
        assertThat(commands.handle("{\"token\":\"wrong-token\",\"command\":\"ban.list\"}").path("error").asText())
                .isEqualTo("wrong or missing token");
        assertThat(commands.handle("{\"command\":\"user.delete\",\"name\":\"alice\"}").path("ok").asBoolean()).isFalse();
        assertThat(commands.handle("{\"token\":7,\"command\":\"user.delete\",\"name\":\"alice\"}").path("ok").asBoolean()).isFalse();
        assertThat(commands.handle("not json").path("error").asText()).startsWith("malformed request");
        assertThat(commands.handle("[1,2]").path("error").asText()).startsWith("malformed request");
        assertThat(enrolment.list()).extracting(c -> c.name()).containsExactly("alice");
    }

    @Test
    void banAddListRemove() {
        JsonNode added = send("ban.add", "kind", "client_id", "value", "victim", "reason", "spam");
        assertThat(added.path("ok").asBoolean()).as(added.toString()).isTrue();
        assertThat(added.path("ban").path("expires").isNull()).isTrue();
        assertThat(send("ban.add", "kind", "cidr", "value", "10.1.2.3/8", "duration", "1h").path("ban").path("value").asText())
                .isEqualTo("10.0.0.0/8");
        assertThat(bans.matchClient("victim", null)).isNotNull();
        JsonNode list = send("ban.list").path("bans");
        assertThat(list).hasSize(2);
        assertThat(list.get(0).path("kind").asText()).isEqualTo("client_id");
        assertThat(list.get(0).path("reason").asText()).isEqualTo("spam");
        assertThat(list.get(1).path("expires").isTextual()).isTrue();
        assertThat(send("ban.remove", "kind", "client_id", "value", "victim").path("removed").asBoolean()).isTrue();
        assertThat(send("ban.remove", "kind", "client_id", "value", "victim").path("removed").asBoolean()).isFalse();
        assertThat(send("ban.remove", "kind", "address", "value", "10.0.0.0/8").path("removed").asBoolean()).isTrue();
        assertThat(bans.all()).isEmpty();
    }

    @Test
    void badBanRequestsAreRefusedWithTheReason() {
        assertThat(send("ban.add", "kind", "planet", "value", "x").path("error").asText()).contains("unknown ban kind");
        assertThat(send("ban.add", "kind", "address", "value", "not-an-address").path("ok").asBoolean()).isFalse();
        assertThat(send("ban.add", "kind", "client_id").path("error").asText()).contains("'value' is missing");
        assertThat(send("ban.add", "kind", "client_id", "value", "x", "duration", "soon").path("error").asText())
                .contains("not a duration");
        assertThat(send("reboot").path("error").asText()).startsWith("unknown command 'reboot'");
        assertThat(bans.all()).isEmpty();
    }

    @Test
    void userDisableEnablePasswdDelete() {
        assertThat(send("user.disable", "name", "alice").path("cut").asInt()).isZero();
        assertThat(store.findCredential("alice").orElseThrow().disabled()).isTrue();
        assertThat(send("user.enable", "name", "alice").path("ok").asBoolean()).isTrue();
        assertThat(store.findCredential("alice").orElseThrow().disabled()).isFalse();
        assertThat(send("user.passwd", "name", "alice", "password", "admin").path("error").asText()).isNotEmpty();
        JsonNode changed = send("user.passwd", "name", "alice", "password", "quiet-lantern-orbit-93");
        assertThat(changed.path("ok").asBoolean()).as(changed.toString()).isTrue();
        assertThat(changed.toString()).doesNotContain("quiet-lantern");
        assertThat(PasswordHashes.verify(store.findCredential("alice").orElseThrow().passwordHash(),
                "quiet-lantern-orbit-93".toCharArray())).isTrue();
        assertThat(send("user.delete", "name", "alice").path("ok").asBoolean()).isTrue();
        assertThat(send("user.delete", "name", "alice").path("error").asText()).contains("no user or device named 'alice'");
        assertThat(send("user.disable", "name", "").path("error").asText()).contains("'name' is missing");
    }

    @Test
    void endpointServesOverAnOwnerOnlySocketAndRemovesItsFilesOnClose(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve(AdminEndpoint.SOCKET_FILE), "stale");
        AdminEndpoint endpoint = AdminEndpoint.open(dir, this::commands);
        try {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(endpoint.tokenFile()))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(endpoint.socketFile()))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).endsWith("---");
            assertThat(Files.readString(endpoint.tokenFile()).strip()).hasSize(43); // 32 bytes, base64url

            AdminClient client = AdminClient.forDataDir(dir);
            client.call(client.request("ban.add").put("kind", "username").put("value", "mallory"));
            assertThat(client.call(client.request("ban.list")).path("bans")).hasSize(1);
            assertThatThrownBy(() -> client.call(client.request("user.delete").put("name", "nobody")))
                    .isInstanceOf(AdminClient.RefusedException.class).hasMessageContaining("no user or device");

            assertThat(client.listening()).isTrue();
            assertThat(rawExchange(dir, "{\"token\":\"guess\",\"command\":\"ban.list\"}\n")).contains("wrong or missing token");
            assertThat(rawExchange(dir, "x".repeat(AdminEndpoint.MAX_LINE_BYTES + 10) + "\n")).contains("request longer than");
        } finally {
            endpoint.close();
        }
        assertThat(dir.resolve(AdminEndpoint.SOCKET_FILE)).doesNotExist();
        assertThat(dir.resolve(AdminEndpoint.TOKEN_FILE)).doesNotExist();
        assertThatThrownBy(() -> AdminClient.forDataDir(dir)).isInstanceOf(AdminClient.UnavailableException.class);
    }

    private static String rawExchange(Path dir, String request) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(dir.resolve(AdminEndpoint.SOCKET_FILE)));
            ByteBuffer out = ByteBuffer.wrap(request.getBytes(StandardCharsets.UTF_8));
            while (out.hasRemaining()) {
                ch.write(out);
            }
            String answer = AdminEndpoint.readLine(ch, AdminClient.MAX_ANSWER_BYTES);
            return answer == null ? "" : answer;
        }
    }

    @Test
    void banKindSpellingsMatchTheProtocol() {
        assertThat(BanKind.fromSpelling("client_id")).isEqualTo(BanKind.CLIENT_ID);
        assertThat(BanKind.fromSpelling("username")).isEqualTo(BanKind.USERNAME);
    }
}
