package io.bastionmq.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bastionmq.security.authz.AclRule;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The authorization and audit sections: defaults, the rule syntax, and errors that name the rule. */
class AuthorizationConfigTest {
    private static final Path BASE = Path.of("/etc/bastion");

    @Test
    void noSectionMeansTheSecureDefault() {
        BrokerConfig c = ConfigLoader.parse("sys: {enabled: true}\n", BASE);
        assertThat(c.authorization()).isEqualTo(AuthorizationConfig.SECURE_DEFAULT);
        assertThat(BrokerConfig.defaults(BASE).authorization()).isEqualTo(AuthorizationConfig.SECURE_DEFAULT);
        assertThat(BrokerConfig.dev(1883).authorization()).isEqualTo(AuthorizationConfig.ALLOW_ALL);
        assertThat(c.audit().fileIn(Path.of("/d"))).isEqualTo(Path.of("/d/audit/audit.log"));
    }

    @Test
    void rulesAreReadInOrder() {
        BrokerConfig c = ConfigLoader.parse("""
                authorization:
                  disconnect_on_denied_publish: true
                  rules:
                    - {permission: deny, topic: "a/#"}
                    - {permission: allow, action: publish, subject: "group sensors", topic: "t/${username}", max_qos: 1, retain: false}
                audit: {file: audit.jsonl, max_files: 3}
                """, BASE);
        assertThat(c.authorization().disconnectOnDeniedPublish()).isTrue();
        assertThat(c.authorization().rules()).extracting(AclRule::text)
                .containsExactly("deny all all a/#", "allow group sensors publish t/${username} max_qos 1 retain false");
        assertThat(c.authorization().rules().get(1).source()).isEqualTo("config authorization.rules[1]");
        assertThat(c.audit().file()).isEqualTo(Path.of("/etc/bastion/audit.jsonl"));
        assertThat(c.audit().maxFiles()).isEqualTo(3);
    }

    @Test
    void aBadRuleIsNamed() {
        assertThatThrownBy(() -> ConfigLoader.parse("authorization: {rules: [{permission: allow, topic: 'a/#/b'}]}", BASE))
                .hasMessageContaining("authorization.rules[0]");
        assertThatThrownBy(() -> ConfigLoader.parse("authorization: {rules: [{permission: maybe, topic: a}]}", BASE))
                .hasMessageContaining("'maybe' is not one of allow, deny");
        assertThatThrownBy(() -> ConfigLoader.parse("authorization: {rules: [{permission: allow, topic: a, max_qos: 3}]}", BASE))
                .hasMessageContaining("max_qos");
        assertThatThrownBy(() -> ConfigLoader.parse("audit: {max_files: 0}", BASE)).hasMessageContaining("audit.max_files");
    }
}
