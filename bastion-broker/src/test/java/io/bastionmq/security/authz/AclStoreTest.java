package io.bastionmq.security.authz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bastionmq.security.authz.AclRule.Action;
import io.bastionmq.security.authz.AclRule.Permission;
import io.bastionmq.security.authz.AclRule.Subject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AclStoreTest {
    @TempDir Path dir;

    @Test
    void addListRemoveSurviveANewInstance() {
        AclStore store = new AclStore(dir);
        assertThat(store.load()).isEmpty();
        store.add(new AclRule(Permission.ALLOW, Action.PUBLISH, Subject.USER, "dev1", "devices/dev1/#", 1, false, "cli"));
        store.add(AclRule.of(Permission.DENY, Action.SUBSCRIBE, Subject.GROUP, "guests", "#", "cli"));
        AclStore again = new AclStore(dir);
        assertThat(again.load()).extracting(AclRule::text).containsExactly(
                "allow user dev1 publish devices/dev1/# max_qos 1 retain false", "deny group guests subscribe #");
        assertThat(again.load().get(0).source()).isEqualTo("store user dev1");
        assertThat(again.remove("deny group guests subscribe #")).isEqualTo(1);
        assertThat(new AclStore(dir).load()).hasSize(1);
    }

    @Test
    void holdsOnlyUserAndGroupRules() {
        assertThatThrownBy(() -> new AclStore(dir).add(AclRule.of(Permission.ALLOW, Action.ALL, Subject.ALL, "", "#", "cli")))
                .hasMessageContaining("configuration file");
    }
}
