package io.bastionmq.security.authz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bastionmq.security.Identity;
import io.bastionmq.security.authz.AclRule.Action;
import io.bastionmq.security.authz.AclRule.Permission;
import io.bastionmq.security.authz.AclRule.Subject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Rule evaluation: first match wins, deny by default, placeholders, subjects, $SYS, token ACLs, cache. */
class ClientAclTest {
    private static final List<AclRule> DEVICE_RULES = List.of(
            rule(Permission.DENY, Action.ALL, Subject.ALL, "", "devices/+/secret"),
            rule(Permission.ALLOW, Action.ALL, Subject.ALL, "", "devices/${username}/#"),
            rule(Permission.ALLOW, Action.ALL, Subject.ALL, "", "clients/${clientid}/#"),
            new AclRule(Permission.ALLOW, Action.PUBLISH, Subject.GROUP, "sensors", "telemetry/${username}", 1, false, "t"),
            rule(Permission.ALLOW, Action.SUBSCRIBE, Subject.USER, "ops", "devices/#"));

    private static AclRule rule(Permission p, Action a, Subject s, String name, String topic) {
        return AclRule.of(p, a, s, name, topic, "test");
    }

    private static Identity user(String name, String... groups) {
        return new Identity("c-" + name, name, Set.of(groups), false, null, null);
    }

    private static ClientAcl acl(List<AclRule> rules, Identity who) {
        return new Authorizer(rules, List.of(), true, 64, false).forClient(who);
    }

    @Test
    void aDeviceReachesOnlyItsOwnTopics() {
        ClientAcl dev1 = acl(DEVICE_RULES, user("dev1"));
        assertThat(dev1.publish("devices/dev1/telemetry", 1, false).allowed()).isTrue();
        assertThat(dev1.subscribe("devices/dev1/telemetry/#").allowed()).isTrue();
        assertThat(dev1.subscribe("devices/dev1/#").allowed()).as("overlaps deny devices/+/secret").isFalse();
        assertThat(dev1.publish("devices/dev2/telemetry", 1, false).allowed()).isFalse();
        assertThat(dev1.subscribe("devices/dev2/#").allowed()).isFalse();
        assertThat(dev1.subscribe("#").allowed()).isFalse();
        assertThat(dev1.subscribe("devices/+/telemetry").allowed()).isFalse();
        assertThat(dev1.subscribe("devices/+/telemetry").explain()).contains("only part");
    }

    @Test
    void anEarlierDenyThatOverlapsTheFilterRefusesTheWholeSubscription() {
        ClientAcl dev1 = acl(DEVICE_RULES, user("dev1"));
        Decision d = dev1.subscribe("devices/dev1/+");
        assertThat(d.allowed()).isFalse();
        assertThat(d.rule()).isEqualTo(DEVICE_RULES.get(0));
        assertThat(dev1.subscribe("devices/dev1/telemetry/+").allowed()).isTrue();
        assertThat(dev1.publish("devices/dev1/secret", 0, false).allowed()).isFalse();
        ClientAcl ops = acl(DEVICE_RULES, user("ops"));
        assertThat(ops.subscribe("devices/#").allowed()).as("deny devices/+/secret comes first").isFalse();
    }

    @Test
    void nothingMatchesMeansDeny() {
        Decision d = acl(List.of(), user("x")).publish("a", 0, false);
        assertThat(d.allowed()).isFalse();
        assertThat(d.rule()).isNull();
        assertThat(d.explain()).contains("deny by default");
    }

    @Test
    void aClientIdOrUserNameWithWildcardsCannotWidenItsAcl() {
        for (String evil : List.of("#", "+", "a/b", "$SYS", "")) {
            ClientAcl byId = acl(DEVICE_RULES, Identity.anonymous(evil, null));
            assertThat(byId.subscribe("clients/#").allowed()).as("client id '%s'", evil).isFalse();
            assertThat(byId.subscribe("clients/+/x").allowed()).as("client id '%s'", evil).isFalse();
            assertThat(byId.publish("clients/other/x", 0, false).allowed()).as("client id '%s'", evil).isFalse();
            ClientAcl byName = acl(DEVICE_RULES, new Identity("c", evil, Set.of(), false, null, null));
            assertThat(byName.subscribe("devices/#").allowed()).as("user '%s'", evil).isFalse();
            assertThat(byName.subscribe("devices/dev1/#").allowed()).as("user '%s'", evil).isFalse();
        }
        ClientAcl anonymous = acl(DEVICE_RULES, Identity.anonymous("dev1", null));
        assertThat(anonymous.publish("devices/dev1/x", 0, false).allowed()).as("${username} never matches anonymous").isFalse();
        assertThat(anonymous.publish("clients/dev1/x", 0, false).allowed()).isTrue();
    }

    @Test
    void certificateCommonNamePlaceholder() {
        List<AclRule> rules = List.of(rule(Permission.ALLOW, Action.ALL, Subject.ALL, "", "certs/${cert.cn}/#"));
        assertThat(acl(rules, Identity.anonymous("c", "gw-7")).publish("certs/gw-7/x", 0, false).allowed()).isTrue();
        assertThat(acl(rules, Identity.anonymous("c", null)).publish("certs/gw-7/x", 0, false).allowed()).isFalse();
    }

    @Test
    void groupRuleWithMaxQosAndNoRetain() {
        ClientAcl s1 = acl(DEVICE_RULES, user("s1", "sensors"));
        assertThat(s1.publish("telemetry/s1", 1, false).allowed()).isTrue();
        assertThat(s1.publish("telemetry/s1", 2, false).explain()).contains("max_qos 1");
        assertThat(s1.publish("telemetry/s1", 0, true).explain()).contains("retained");
        assertThat(acl(DEVICE_RULES, user("s1")).publish("telemetry/s1", 0, false).allowed()).as("not in the group").isFalse();
        List<AclRule> sub = List.of(new AclRule(Permission.ALLOW, Action.SUBSCRIBE, Subject.ALL, "", "feed/#", 0, true, "t"));
        assertThat(acl(sub, user("x")).subscribe("feed/+").maxQos()).isZero();
    }

    @Test
    void sysIsForAdministratorsWhateverTheRulesSay() {
        List<AclRule> everything = List.of(rule(Permission.ALLOW, Action.ALL, Subject.ALL, "", "#"),
                rule(Permission.ALLOW, Action.SUBSCRIBE, Subject.ALL, "", "$SYS/#"));
        assertThat(acl(everything, user("x")).subscribe("$SYS/#").allowed()).isFalse();
        assertThat(acl(everything, user("x")).canRead("$SYS/broker/uptime").allowed()).isFalse();
        Identity admin = new Identity("a", "root", Set.of(), true, null, null);
        assertThat(acl(List.of(), admin).subscribe("$SYS/#").allowed()).isTrue();
        assertThat(new Authorizer(everything, List.of(), false, 8, false).forClient(user("x")).subscribe("$SYS/#").allowed())
                .as("sys_admin_only: false (dev profile)").isTrue();
        assertThat(acl(List.of(rule(Permission.ALLOW, Action.ALL, Subject.ALL, "", "#")), user("x")).subscribe("#").allowed()).isTrue();
    }

    @Test
    void aTokenAclIsTheWholeAllowListButDenyRulesStillApply() {
        Identity jwt = new Identity("c", "dev9", Set.of(), false, null,
                new Identity.ClaimAcl(List.of("up/${username}/#"), List.of("down/${username}/#")));
        ClientAcl acl = acl(DEVICE_RULES, jwt);
        assertThat(acl.publish("up/dev9/x", 1, false).allowed()).isTrue();
        assertThat(acl.subscribe("down/dev9/+").allowed()).isTrue();
        assertThat(acl.subscribe("down/+/x").allowed()).isFalse();
        assertThat(acl.publish("devices/dev9/x", 1, false).allowed()).as("config allows it, the token does not").isFalse();
        Identity wide = new Identity("c", "dev9", Set.of(), false, null, new Identity.ClaimAcl(List.of("#"), List.of("#")));
        assertThat(acl(DEVICE_RULES, wide).publish("devices/x/secret", 0, false).allowed()).isFalse();
    }

    @Test
    void cachedDecisionsAreDroppedWhenTheRulesChange() {
        Authorizer authorizer = new Authorizer(List.of(), List.of(), true, 2, false);
        ClientAcl acl = authorizer.forClient(user("dev1"));
        assertThat(acl.publish("a/b", 0, false).allowed()).isFalse();
        authorizer.replaceStoreRules(List.of(rule(Permission.ALLOW, Action.PUBLISH, Subject.USER, "dev1", "a/#")));
        assertThat(acl.publish("a/b", 0, false).allowed()).isTrue();
        acl.publish("a/c", 0, false);
        acl.publish("a/d", 0, false);
        assertThat(acl.cachedDecisions()).as("bounded per action").isEqualTo(2);
        acl.subscribe("a/c");
        acl.subscribe("a/d");
        acl.subscribe("a/e");
        assertThat(acl.cachedDecisions()).as("bounded per action").isEqualTo(4);
        authorizer.replaceStoreRules(List.of());
        assertThat(acl.publish("a/b", 0, false).allowed()).isFalse();
    }

    @Test
    void aCachedPublishDecisionIsNeverTakenForASubscribeOfTheSameTopic() {
        Authorizer authorizer = new Authorizer(List.of(),
                List.of(rule(Permission.ALLOW, Action.PUBLISH, Subject.USER, "dev1", "a/#")), true, 8, false);
        ClientAcl acl = authorizer.forClient(user("dev1"));
        assertThat(acl.publish("a/b", 0, false).allowed()).isTrue();
        assertThat(acl.subscribe("a/b").allowed()).isFalse();
        assertThat(acl.canRead("a/b").allowed()).isFalse();
        assertThat(acl.publish("a/b", 0, false).allowed()).isTrue();
    }

    @Test
    void configRulesComeBeforeStoreRules() {
        Authorizer authorizer = new Authorizer(List.of(rule(Permission.DENY, Action.ALL, Subject.ALL, "", "locked/#")),
                List.of(rule(Permission.ALLOW, Action.ALL, Subject.USER, "dev1", "#")), true, 8, false);
        ClientAcl acl = authorizer.forClient(user("dev1"));
        assertThat(acl.publish("locked/x", 0, false).allowed()).isFalse();
        assertThat(acl.publish("open/x", 0, false).allowed()).isTrue();
        assertThat(acl.subscribe("#").allowed()).as("overlaps the deny").isFalse();
    }

    @Test
    void rulesAreValidated() {
        assertThatThrownBy(() -> rule(Permission.ALLOW, Action.ALL, Subject.ALL, "", "a/#/b")).hasMessageContaining("'#'");
        assertThatThrownBy(() -> rule(Permission.ALLOW, Action.ALL, Subject.ALL, "", "x/${password}")).hasMessageContaining("placeholder");
        assertThatThrownBy(() -> rule(Permission.ALLOW, Action.ALL, Subject.USER, "", "x")).hasMessageContaining("name");
        assertThatThrownBy(() -> rule(Permission.ALLOW, Action.ALL, Subject.ALL, "", "$share/g/x")).hasMessageContaining("share");
    }

    /** Not a benchmark: a guard that 100,000 rules keep a decision cheap (the figure goes to docs/security.md). */
    @Test
    void hundredThousandRulesStayCheap() {
        List<AclRule> store = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            store.add(rule(Permission.ALLOW, Action.ALL, Subject.USER, "dev" + i, "devices/dev" + i + "/#"));
        }
        List<AclRule> config = new ArrayList<>(AclRuleFixtures.DEFAULTS);
        Authorizer authorizer = new Authorizer(config, store, true, 1024, false);
        int n = 20_000;
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            ClientAcl acl = authorizer.forClient(user("dev" + (i * 7 % 100_000)));
            assertThat(acl.subscribe("devices/dev" + (i * 7 % 100_000) + "/+/x").allowed()).isTrue();
        }
        long coldNanos = (System.nanoTime() - start) / n;
        ClientAcl one = authorizer.forClient(user("dev42"));
        one.publish("devices/dev42/t", 1, false);
        start = System.nanoTime();
        for (int i = 0; i < 1_000_000; i++) {
            one.publish("devices/dev42/t", 1, false);
        }
        long cachedNanos = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("ACL with 100k rules: first decision per client %d ns, cached decision %d ns%n", coldNanos, cachedNanos);
        assertThat(coldNanos).isLessThan(200_000);
    }
}
