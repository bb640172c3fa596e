package dev.fleetgate.admin.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Which {@link NodeSessionToken}s this node accepts and when it hands out new ones (R11.2, R11.3).
 * Pure: the key, the lifetime, this node's users and the clock come in from outside.
 *
 * <p>A token is only accepted for a user this node's configuration still names, and only with the
 * role this node gives that user: a token says who signed in where, never what they may do here.
 */
final class NodeSessions {

  private static final Logger LOG = Logger.getLogger(NodeSessions.class.getName());

  private final byte[] key;
  private final Duration lifetime;
  private final Function<String, Optional<String>> roles;
  private final Clock clock;

  /**
   * @param key the cluster's session key
   * @param lifetime how long a new token lasts: the console session's timeout
   * @param roles the role this node gives a user name, empty for a name it does not know
   * @param clock the time tokens are issued and checked at
   */
  NodeSessions(
      byte[] key, Duration lifetime, Function<String, Optional<String>> roles, Clock clock) {
    this.key = key.clone();
    this.lifetime = lifetime;
    this.roles = roles;
    this.clock = clock;
  }

  /**
   * The first of {@code values} (the request's token cookies; a proxied app on the same host may
   * have planted others of that name) that this node accepts: signed with the key, unexpired, and
   * for a user this node knows with the same role. Empty when none is.
   */
  Optional<NodeSessionToken> accept(List<String> values) {
    Instant now = clock.instant();
    for (String value : values) {
      Optional<NodeSessionToken> token = NodeSessionToken.verify(value, key);
      if (token.isEmpty()) {
        LOG.fine("Fleetgate console: a session token with a wrong signature or form is ignored");
      } else if (!token.get().validAt(now, lifetime)) {
        LOG.log(
            Level.FINE,
            "Fleetgate console: the session token of {0} expired at {1}",
            new Object[] {token.get().user(), token.get().expiresAt()});
      } else if (knownHere(token.get())) {
        return token;
      }
    }
    return Optional.empty();
  }

  /** A new token for {@code user}, who just signed in here; empty for a user this node lacks. */
  Optional<NodeSessionToken> issue(String user) {
    return roles
        .apply(user)
        .map(role -> NodeSessionToken.issue(user, role, clock.instant(), lifetime));
  }

  /**
   * For {@code user}, signed in on this node: a new token unless {@code values} already holds an
   * accepted one of theirs with at least half its life left (R11.3). So the token lasts while the
   * session is used, and follows a user who signed in again under another name.
   */
  Optional<NodeSessionToken> renewal(String user, List<String> values) {
    Instant now = clock.instant();
    boolean current =
        accept(values)
            .filter(token -> token.user().equals(user) && !token.renewalDue(now))
            .isPresent();
    return current ? Optional.empty() : issue(user);
  }

  /** The cookie value of {@code token}. */
  String encode(NodeSessionToken token) {
    return token.encode(key);
  }

  private boolean knownHere(NodeSessionToken token) {
    Optional<String> role = roles.apply(token.user());
    if (role.isPresent() && role.get().equals(token.role())) {
      return true;
    }
    // Signed by a node of this cluster, yet this node's credentials differ from that node's.
    LOG.log(
        Level.WARNING,
        "Fleetgate console: a session token for user \"{0}\" with role {1} is refused: this node"
            + " gives that user {2}. Configure the same console users on every node.",
        new Object[] {printable(token.user()), token.role(), role.orElse("no role")});
    return false;
  }

  /** A user name for one log line: no control characters, at most 64 characters. */
  private static String printable(String name) {
    String clean = name.replaceAll("\\p{Cntrl}", "?");
    return clean.length() > 64 ? clean.substring(0, 64) + "…" : clean;
  }
}
