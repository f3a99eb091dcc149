package io.bastionmq.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.function.Function;

/**
 * One area of the admin endpoint (bans, users, rules, certificates): its commands by name. A
 * command returns its answer ({@link AdminCommands#ok()} plus fields) or throws with the reason.
 */
public interface AdminArea {
    /** The who of every audit line the endpoint writes (C25): the change came through the local socket. */
    String ACTOR = "admin-endpoint";

    Map<String, Function<Request, ObjectNode>> commands();
}
