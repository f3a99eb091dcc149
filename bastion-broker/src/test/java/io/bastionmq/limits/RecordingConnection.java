package io.bastionmq.limits;

import io.bastionmq.codec.reason.DisconnectReason;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A live connection that records what the limits did to it. */
final class RecordingConnection implements LimitedConnection {
    final InetAddress address;
    final @Nullable String clientId;
    final @Nullable String username;
    long bytes;
    boolean paused;
    final List<DisconnectReason> disconnects = new ArrayList<>();

    RecordingConnection(String address, @Nullable String clientId, @Nullable String username) {
        this.address = Cidr.literal(address);
        this.clientId = clientId;
        this.username = username;
    }

    @Override
    public InetAddress address() {
        return address;
    }

    @Override
    public @Nullable String clientId() {
        return clientId;
    }

    @Override
    public @Nullable String username() {
        return username;
    }

    @Override
    public long drainBytesRead() {
        long b = bytes;
        bytes = 0;
        return b;
    }

    @Override
    public void pauseForOverload(boolean p) {
        paused = p;
    }

    @Override
    public void disconnect(DisconnectReason reason, String why) {
        disconnects.add(reason);
    }
}
