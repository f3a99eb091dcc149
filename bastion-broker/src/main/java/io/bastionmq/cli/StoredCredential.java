package io.bastionmq.cli;

import io.bastionmq.admin.AclQuery;
import io.bastionmq.config.BrokerConfig;
import io.bastionmq.store.FsyncPolicy;
import io.bastionmq.store.rocksdb.RocksDbStore;
import java.nio.file.Files;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** A stopped broker's stored credential of one user, for {@code acl test} (its groups and admin flag). */
final class StoredCredential {
    private StoredCredential() {}

    /** The stored rights of {@code user}, or null when not stored or no store yet (nothing is created). */
    static AclQuery.@Nullable Stored find(BrokerConfig config, @Nullable String user) {
        if (user == null || !Files.isDirectory(config.dataDir().resolve("rocksdb"))) {
            return null;
        }
        try (RocksDbStore store = RocksDbStore.open(config.dataDir(), FsyncPolicy.NEVER, Duration.ofMillis(100))) {
            return store.findCredential(user).map(c -> new AclQuery.Stored(c.groups(), c.admin())).orElse(null);
        }
    }
}
