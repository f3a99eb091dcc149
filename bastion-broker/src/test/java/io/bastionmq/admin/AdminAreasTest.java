package io.bastionmq.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bastionmq.limits.BanList;
import io.bastionmq.security.Identity;
import io.bastionmq.security.audit.AuditLog;
import io.bastionmq.security.authn.Enrolment;
import io.bastionmq.security.authn.HashParameters;
import io.bastionmq.security.authn.LiveConnections;
import io.bastionmq.security.authn.PasswordHashes;
import io.bastionmq.security.authn.PasswordPolicy;
import io.bastionmq.security.authz.AclRule;
import io.bastionmq.security.authz.AclStore;
import io.bastionmq.security.authz.Authorizer;
import io.bastionmq.security.authz.ClientAcl;
import io.bastionmq.security.ca.CertificateAuthority;
import io.bastionmq.store.memory.MemoryStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The user, device, ACL and certificate commands of the admin endpoint, on real stores, files and a real audit log. */
class AdminAreasTest {
    private static final String TOKEN = "right-token";
    private static final String PASSWORD = "violet-tractor-harbour-57";

    @TempDir Path dir;
    private final MemoryStore store = new MemoryStore();
    private final LiveConnections live = new LiveConnections();
    private final AtomicInteger crlApplied = new AtomicInteger();
    private AuditLog audit;
    private Enrolment enrolment;
    private AclStore aclStore;
    private Authorizer authorizer;
    private AdminCommands commands;

    @BeforeEach
    void setUp() {
        audit = AuditLog.open(dir.resolve("audit.log"), 1 << 20, 2, 1000, Clock.systemUTC());
        enrolment = new Enrolment(store, new PasswordHashes(new HashParameters(1024, 1, 1)), PasswordPolicy.DEFAULT, live,
                Clock.systemUTC(), audit);
        aclStore = new AclStore(dir);
        List<AclRule> configRules = List.of(AclRule.of(AclRule.Permission.ALLOW, AclRule.Action.ALL, AclRule.Subject.ADMINS, "", "#",
                "config rule 1"));
        authorizer = new Authorizer(configRules, aclStore.load(), true, 64, false);
        commands = new AdminCommands(TOKEN, audit, List.of(new BanAdmin(new BanList(store, Clock.systemUTC()), Clock.systemUTC()),
                new UserAdmin(enrolment, audit), new AclAdmin(aclStore, authorizer, configRules, audit,
                        name -> store.findCredential(name).map(c -> new AclQuery.Stored(c.groups(), c.admin())).orElse(null)),
                new CertAdmin(dir.resolve("ca"), Clock.systemUTC(), crlApplied::incrementAndGet, audit)));
    }

    private JsonNode send(ObjectNode request) {
        return commands.handle(request.put("token", TOKEN).toString());
    }

    private static ObjectNode request(String command) {
        return AdminCommands.JSON.createObjectNode().put("command", command);
    }

    private String auditText() throws IOException {
        audit.close(); // flushes
        return Files.readString(dir.resolve("audit.log"));
    }

    @Test
    void userAddAppliesThePolicyGeneratesWhenAskedAndListNeverShowsAHash() throws IOException {
        JsonNode weak = send(request("user.add").put("name", "bob").put("password", "bob12345"));
        assertThat(weak.path("error").asText()).startsWith("password ");
        JsonNode added = send(request("user.add").put("name", "bob").put("password", PASSWORD).put("admin", true));
        assertThat(added.path("ok").asBoolean()).as(added.toString()).isTrue();
        assertThat(added.has("password")).isFalse();
        JsonNode generated = send(request("user.add").put("name", "carol").set("groups", AdminCommands.JSON.createArrayNode().add("ops")));
        String secret = generated.path("password").asText();
        assertThat(secret).hasSizeGreaterThanOrEqualTo(32);
        assertThat(PasswordHashes.verify(store.findCredential("carol").orElseThrow().passwordHash(), secret.toCharArray())).isTrue();

        JsonNode list = send(request("user.list"));
        assertThat(list.path("users")).hasSize(2);
        assertThat(list.toString()).doesNotContain("$argon2").doesNotContain(store.findCredential("bob").orElseThrow().passwordHash());
        assertThat(list.path("users").findValuesAsText("name")).containsExactlyInAnyOrder("bob", "carol");
        assertThat(list.path("users").get(0).has("created")).isTrue();

        String log = auditText();
        assertThat(log).contains("user.add by admin-endpoint").doesNotContain(PASSWORD).doesNotContain(secret);
    }

    @Test
    void deviceAddAnswersItsSecretOnceAndImportTakesLines() throws IOException {
        JsonNode device = send(request("device.add").put("name", "dev-1"));
        String secret = device.path("password").asText();
        assertThat(PasswordHashes.verify(store.findCredential("dev-1").orElseThrow().passwordHash(), secret.toCharArray())).isTrue();
        assertThat(send(request("device.add").put("name", "dev-1")).path("error").asText()).contains("already exists");

        ObjectNode imp = request("user.import");
        imp.putArray("lines").add("# comment").add("").add("mia:$7$101$c2FsdHNhbHQ=$aGFzaA==").add("bad:plaintext");
        JsonNode imported = send(imp);
        assertThat(imported.path("imported").asInt()).as(imported.toString()).isEqualTo(1);
        assertThat(imported.path("skipped")).hasSize(1);
        assertThat(imported.path("skipped").get(0).asText()).contains("hash format not supported");
        assertThat(auditText()).contains("device.add by admin-endpoint").contains("user.import by admin-endpoint").doesNotContain(secret);
    }

    @Test
    void aclChangesReachALiveClientsCachedDecisionsAndTestExplains() throws IOException {
        ClientAcl alice = authorizer.forClient(new Identity("alice-1", "alice", Set.of(), false, null, null));
        assertThat(alice.subscribe("plant/line-1/#").allowed()).isFalse(); // denied and cached

        ObjectNode add = request("acl.add").put("permission", "allow").put("action", "sub").put("subject", "user")
                .put("name", "alice").put("topic", "plant/#");
        assertThat(send(add.deepCopy()).path("rule").asText()).isEqualTo("allow user alice subscribe plant/#");
        assertThat(alice.subscribe("plant/line-1/#").allowed()).as("the same live client, cache dropped").isTrue();
        assertThat(aclStore.load()).extracting(AclRule::text).containsExactly("allow user alice subscribe plant/#");

        JsonNode test = send(new AclQuery("alice", "plant/x", AclRule.Action.SUBSCRIBE, null, List.of(), null, false, 0, false)
                .into(request("acl.test")));
        assertThat(test.path("allowed").asBoolean()).isTrue();
        assertThat(test.path("explain").asText()).startsWith("ALLOWED by rule 'allow user alice subscribe plant/#'");
        JsonNode listed = send(request("acl.list"));
        assertThat(listed.path("rules").findValuesAsText("text")).containsExactly("allow admins all #", "allow user alice subscribe plant/#");

        ObjectNode remove = add.deepCopy().put("command", "acl.remove");
        assertThat(send(remove.deepCopy()).path("removed").asInt()).isEqualTo(1);
        assertThat(alice.subscribe("plant/line-1/#").allowed()).isFalse();
        assertThat(send(remove).path("removed").asInt()).isZero();
        assertThat(send(request("acl.add").put("permission", "deny").put("action", "pub").put("subject", "user").put("name", "a")
                .put("topic", "x").put("max_qos", 1)).path("error").asText()).contains("max_qos and retain apply only to allow rules");

        assertThat(auditText()).contains("added 'allow user alice subscribe plant/#' by admin-endpoint")
                .contains("removed 'allow user alice subscribe plant/#' by admin-endpoint");
    }

    @Test
    void aclTestAnswersWithTheUsersStoredGroupsAndAdminFlag() throws IOException {
        enrolment.addUser("dora", PASSWORD.toCharArray(), Set.of("site-a"), false);
        enrolment.addUser("root", "quiet-lantern-orbit-93".toCharArray(), Set.of(), true);
        assertThat(send(request("acl.add").put("permission", "allow").put("action", "pub").put("subject", "group")
                .put("name", "site-a").put("topic", "sites/a/#")).path("ok").asBoolean()).isTrue();

        JsonNode dora = send(new AclQuery("dora", "sites/a/t", AclRule.Action.PUBLISH, null, List.of(), null, false, 0, false)
                .into(request("acl.test")));
        assertThat(dora.path("allowed").asBoolean()).as("dora is in site-a in the store").isTrue();
        assertThat(dora.path("explain").asText()).contains("group site-a");
        JsonNode stranger = send(new AclQuery("eve", "sites/a/t", AclRule.Action.PUBLISH, null, List.of(), null, false, 0, false)
                .into(request("acl.test")));
        assertThat(stranger.path("allowed").asBoolean()).isFalse();
        JsonNode root = send(new AclQuery("root", "plant/x", AclRule.Action.SUBSCRIBE, null, List.of(), null, false, 0, false)
                .into(request("acl.test")));
        assertThat(root.path("allowed").asBoolean()).as("the config rule for admins").isTrue();
    }

    @Test
    void certIssueAnswersPemsAndLeavesNoKeyBehindRevokeAppliesTheCrlAtOnce() throws IOException {
        JsonNode issued = send(request("cert.issue").put("device_id", "dev-7").put("days", 2));
        assertThat(issued.path("ok").asBoolean()).as(issued.toString()).isTrue();
        assertThat(issued.path("certificate").asText()).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(issued.path("key").asText()).contains("PRIVATE KEY-----");
        try (Stream<Path> files = Files.walk(dir.resolve("ca"))) {
            assertThat(files.map(Path::toString)).noneMatch(p -> p.contains("dev-7")).noneMatch(p -> p.contains(".admin-issue-"));
        }
        assertThat(send(request("cert.issue").put("device_id", "bad id")).path("error").asText()).contains("not a valid device id");
        assertThat(send(request("cert.issue").put("device_id", "dev-8").put("csr", "garbage")).path("error").asText())
                .contains("CSR");

        assertThat(send(request("cert.revoke").put("device_id", "nobody")).path("revoked")).isEmpty();
        assertThat(crlApplied).hasValue(0);
        JsonNode revoked = send(request("cert.revoke").put("device_id", "dev-7"));
        assertThat(revoked.path("revoked").get(0).path("serial").asText()).isEqualTo(issued.path("serial").asText());
        assertThat(crlApplied).hasValue(1);
        assertThat(CertificateAuthority.open(dir.resolve("ca"), Clock.systemUTC()).list()).anyMatch(e -> e.revoked());
        JsonNode list = send(request("cert.list"));
        assertThat(list.path("certificates").findValuesAsText("common_name")).contains("dev-7");

        String log = auditText();
        assertThat(log).contains("certificate issued (serial " + issued.path("serial").asText())
                .contains("certificate serial " + issued.path("serial").asText() + " revoked by admin-endpoint")
                .doesNotContain("PRIVATE KEY");
    }

    @Test
    void unknownCommandsListTheKnownOnes() {
        assertThat(send(request("reboot")).path("error").asText()).contains("acl.add").contains("cert.revoke").contains("user.import");
    }
}
