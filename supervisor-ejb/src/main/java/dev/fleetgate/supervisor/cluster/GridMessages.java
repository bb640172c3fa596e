package dev.fleetgate.supervisor.cluster;

import dev.fleetgate.supervisor.boundary.OperationFailedException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Requests and replies between nodes (R3.1), as signed JSON on one grid topic that every node
 * listens to: a message names the node it is for, and for a request also that node's incarnation,
 * so a node that restarted meanwhile does not carry out what was meant for its predecessor. A
 * message whose signature fails, that is older than {@link #MAX_AGE} or that was seen before is
 * dropped with a WARNING: a member that got into the grid without the secret can order nothing.
 */
final class GridMessages {
  private static final Logger LOG = Logger.getLogger(GridMessages.class.getName());

  /** Older messages are refused: a recorded one cannot be played again later. */
  static final Duration MAX_AGE = Duration.ofMinutes(2);

  private final ClusterSecret secret;
  private final String localNode;
  private final Consumer<String> publisher;
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final Map<String, Instant> seen = new LinkedHashMap<>();
  private Supplier<String> incarnation = () -> "";
  private Consumer<JsonObject> requestHandler = r -> {};

  /**
   * @param publisher sends a signed message to every node
   */
  GridMessages(ClusterSecret secret, String localNode, Consumer<String> publisher) {
    this.secret = secret;
    this.localNode = localNode;
    this.publisher = publisher;
  }

  /**
   * @param incarnation this node's grid member id now: it changes when the grid merges this node
   *     back after a split, and the others then address the new one
   */
  void start(Supplier<String> incarnation, Consumer<JsonObject> requestHandler) {
    this.incarnation = incarnation;
    this.requestHandler = requestHandler;
  }

  /**
   * Sends a request to {@code node}'s incarnation {@code nodeIncarnation}.
   *
   * @param body the request's fields ({@code action} and its arguments)
   * @return completes with the reply's body, when it comes
   */
  CompletableFuture<JsonObject> request(String node, String nodeIncarnation, JsonObject body) {
    String id = UUID.randomUUID().toString();
    CompletableFuture<JsonObject> reply = new CompletableFuture<>();
    pending.put(id, new Pending(node, reply));
    reply.whenComplete((r, e) -> pending.remove(id));
    publisher.accept(
        secret.sign(
            Json.createObjectBuilder()
                .add("id", id)
                .add("type", "request")
                .add("from", localNode)
                .add("to", node)
                .add("toIncarnation", nodeIncarnation)
                .add("at", Instant.now().toString())
                .add("body", body)
                .build()
                .toString()));
    return reply;
  }

  /** Answers the request {@code request} (as {@link #onMessage} handed it over). */
  void reply(JsonObject request, JsonObject body) {
    publisher.accept(
        secret.sign(
            Json.createObjectBuilder()
                .add("id", UUID.randomUUID().toString())
                .add("type", "reply")
                .add("inReplyTo", request.getString("id"))
                .add("from", localNode)
                .add("to", request.getString("from"))
                .add("at", Instant.now().toString())
                .add("body", body)
                .build()
                .toString()));
  }

  /** A message from the topic: handled when it is for this node and genuine. */
  void onMessage(String signed) {
    Optional<String> text = secret.verify(signed);
    if (text.isEmpty()) {
      LOG.log(Level.WARNING, "Dropped a grid message without a valid signature");
      return;
    }
    JsonObject message;
    try {
      message = Json.createReader(new StringReader(text.get())).readObject();
      if (!message.getString("to").equals(localNode)) {
        return;
      }
      Instant at = Instant.parse(message.getString("at"));
      Duration age = Duration.between(at, Instant.now());
      if (age.abs().compareTo(MAX_AGE) > 0) {
        LOG.log(
            Level.WARNING,
            "Dropped a grid message from {0}, {1} s apart from this node''s clock",
            new Object[] {message.getString("from"), age.toSeconds()});
        if (message.getString("type").equals("request")) {
          // Said at once rather than left to the asker's time limit: clocks differ, or a replay.
          reply(
              message,
              NodeRequests.failure(
                  OperationFailedException.Kind.REFUSED,
                  "node "
                      + localNode
                      + " refused a request "
                      + age.toSeconds()
                      + " s apart from its clock: are the nodes' clocks in sync (NTP)?"));
        }
        return;
      }
      if (!firstSighting(message.getString("id"), at)) {
        LOG.log(
            Level.WARNING,
            "Dropped a grid message from {0}: seen before",
            message.getString("from"));
        return;
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Dropped a malformed grid message: {0}", e.toString());
      return;
    }
    if (message.getString("type").equals("reply")) {
      Pending waiting = pending.get(message.getString("inReplyTo"));
      if (waiting != null && waiting.node().equals(message.getString("from"))) {
        waiting.reply().complete(message.getJsonObject("body"));
      }
    } else if (message.getString("toIncarnation").equals(incarnation.get())) {
      requestHandler.accept(message);
    }
  }

  /** Every request still waiting for {@code node} fails: it is gone. */
  void failPending(String node, String reason) {
    pending.values().stream()
        .filter(p -> p.node().equals(node))
        .forEach(p -> p.reply().completeExceptionally(new IllegalStateException(reason)));
  }

  private record Pending(String node, CompletableFuture<JsonObject> reply) {}

  private synchronized boolean firstSighting(String id, Instant at) {
    Instant oldest = Instant.now().minus(MAX_AGE.multipliedBy(2));
    seen.values().removeIf(t -> t.isBefore(oldest));
    return seen.putIfAbsent(id, at) == null;
  }
}
