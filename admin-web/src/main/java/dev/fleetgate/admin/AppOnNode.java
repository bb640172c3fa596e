package dev.fleetgate.admin;

import java.util.Optional;

/**
 * One app on one cluster node: what scaling and the rolling restart act on in a cluster (R18.2).
 * The overview's app menu carries it as one value, {@code api@n2}: app names never contain an
 * {@code @}, so the first one ends the app's name, whatever the node's name holds.
 *
 * @param node the node's name
 * @param app the app's name
 */
public record AppOnNode(String node, String app) {

  private static final char SEPARATOR = '@';

  /** The menu's value, {@code api@n2}. */
  public String key() {
    return app + SEPARATOR + node;
  }

  /** The menu's label, {@code api on n2}. */
  public String label() {
    return app + " on " + node;
  }

  /** Reads {@link #key()}; empty for anything else (an app or node missing). */
  public static Optional<AppOnNode> parse(String key) {
    if (key == null) {
      return Optional.empty();
    }
    int at = key.indexOf(SEPARATOR);
    if (at <= 0 || at == key.length() - 1) {
      return Optional.empty();
    }
    return Optional.of(new AppOnNode(key.substring(at + 1), key.substring(0, at)));
  }
}
