package dev.bulwark.ratelimit.sim;

import java.util.List;

/**
 * A group of identical clients.
 *
 * @param name       label, also the key prefix
 * @param count      number of clients (ignored for replay, which discovers its clients)
 * @param keyScheme  client to key mapping
 * @param traffic    what each client sends
 * @param operations weighted operation mix (cost rules match on the operation)
 */
public record ClientGroup(String name, int count, KeyScheme keyScheme, Traffic traffic, List<WeightedOp> operations) {

    /** One operation and its relative weight. */
    public record WeightedOp(String operation, double weight) {
    }

    /** Copies. */
    public ClientGroup {
        operations = List.copyOf(operations);
    }
}
