package io.bastionmq.store.rocksdb;

import java.nio.charset.StandardCharsets;

/**
 * The column families. One family per kind of record keeps each kind's keys in its own sorted
 * space (a queue scan never walks over sessions) while one shared WAL keeps a batch that touches
 * several families atomic.
 */
enum Family {
    CREDENTIALS("credentials"),
    SESSIONS("sessions"),
    QUEUE("queue"),
    INBOUND_QOS2("inbound_qos2"),
    RETAINED("retained"),
    BANS("bans");

    private final String cfName;

    Family(String cfName) {
        this.cfName = cfName;
    }

    byte[] cfName() {
        return cfName.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return cfName;
    }
}
