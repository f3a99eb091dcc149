package io.bastionmq.codec.packet;

import org.jspecify.annotations.Nullable;

/** The protocol levels this codec speaks, with the protocol name each one sends in CONNECT. */
public enum MqttVersion {
    /** MQTT 3.1 (protocol name "MQIsdp", level 3). Decoded as 3.1.1 with the 3.1 name and client id rules. */
    V3_1("MQIsdp", 3),
    V3_1_1("MQTT", 4),
    V5("MQTT", 5);

    private final String protocolName;
    private final int level;

    MqttVersion(String protocolName, int level) {
        this.protocolName = protocolName;
        this.level = level;
    }

    public String protocolName() {
        return protocolName;
    }

    public int level() {
        return level;
    }

    public boolean isV5() {
        return this == V5;
    }

    public static @Nullable MqttVersion of(String protocolName, int level) {
        for (MqttVersion v : values()) {
            if (v.level == level && v.protocolName.equals(protocolName)) {
                return v;
            }
        }
        return null;
    }
}
