package dev.fleetgate.supervisor.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import dev.fleetgate.supervisor.boundary.OperationFailedException;
import dev.fleetgate.supervisor.boundary.OperationFailedException.Kind;
import dev.fleetgate.supervisor.boundary.Supervisor;
import dev.fleetgate.supervisor.cluster.NodeReport.AppReport;
import dev.fleetgate.supervisor.config.ConfigValues;
import dev.fleetgate.supervisor.entity.FleetSnapshot;
import dev.fleetgate.supervisor.entity.LogEntry;
import dev.fleetgate.supervisor.entity.LogLine;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.eclipse.microprofile.config.Config;

/**
 * This node's membership of a Fleetgate cluster (dev.fleetgate.supervisor.cluster R1–R5): joins
 * Payara's data grid when {@code fleetgate.cluster.enabled}, publishes this node's report, keeps
 * the view of every node, and carries operations to the node that owns the worker. Without a
 * cluster it touches no grid class and answers as a cluster of one.
 */
@Singleton
@Startup
@DependsOn("Supervisor")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Cluster {
  private static final Logger LOG = Logger.getLogger(Cluster.class.getName());

  /** Where Payara binds its data grid's instance. */
  static final String GRID_JNDI_NAME = "payara/Hazelcast";

  static final String REPORTS = "fleetgate-reports";
  static final String MESSAGES = "fleetgate-messages";

  /** How long a lost node stays in the view when it does not come back. */
  static final Duration FORGET_AFTER = Duration.ofHours(1);

  /** How long an operation on another node may take before the caller stops waiting. */
  static final Duration OPERATION_LIMIT = Duration.ofMinutes(15);

  static final Duration QUERY_LIMIT = Duration.ofSeconds(10);

  @Inject Config mpConfig;
  @EJB Supervisor supervisor;
  @Resource ManagedThreadFactory threads;

  private ClusterSettings settings;
  private String localNode;
  private ClusterSecret secret;
  private HazelcastInstance grid;
  private ITopic<String> reports;
  private UUID reportListener;

  /** The newest report of every node heard from, by name. */
  private final Map<String, NodeReport> heard = new ConcurrentHashMap<>();

  private ITopic<String> messages;
  private UUID topicListener;
  private UUID membershipListener;
  private GridMessages messenger;
  private ClusterView view;
  private ScheduledThreadPoolExecutor scheduler;
  private ThreadPoolExecutor requestThreads;
  private final Set<String> departed = ConcurrentHashMap.newKeySet();
  private final AtomicLong sequence = new AtomicLong();
  private final AtomicLong bytesPublished = new AtomicLong();
  private final Instant startedAt = Instant.now();
  private volatile List<ClusterNode> nodes = List.of();

  @PostConstruct
  void join() {
    settings =
        ClusterSettings.read(new ConfigValues(k -> mpConfig.getOptionalValue(k, String.class)));
    localNode = settings.nodeName(hostName(), httpPort());
    if (!settings.enabled()) {
      return;
    }
    try {
      grid = InitialContext.doLookup(GRID_JNDI_NAME);
    } catch (NamingException | ClassCastException e) {
      throw new IllegalStateException(
          "fleetgate.cluster.enabled=true, but Payara's data grid is not running ("
              + GRID_JNDI_NAME
              + ": "
              + e
              + "); start with ./fleetgate run, which turns it on",
          e);
    }
    secret = new ClusterSecret(settings.name(), settings.secret());
    reports = grid.getTopic(REPORTS);
    messages = grid.getTopic(MESSAGES);
    view = new ClusterView(localNode, settings.lostAfter(), FORGET_AFTER);
    messenger = new GridMessages(secret, localNode, messages::publish);
    NodeRequests handler = new NodeRequests(supervisor, localNode);
    requestThreads =
        new ThreadPoolExecutor(
            0, 4, 30, TimeUnit.SECONDS, new java.util.concurrent.LinkedBlockingQueue<>(), threads);
    messenger.start(
        () -> grid.getCluster().getLocalMember().getUuid().toString(),
        request -> requestThreads.execute(() -> messenger.reply(request, handler.answer(request))));
    topicListener = messages.addMessageListener(m -> messenger.onMessage(m.getMessageObject()));
    reportListener = reports.addMessageListener(m -> hear(m.getMessageObject()));
    membershipListener =
        grid.getCluster()
            .addMembershipListener(
                new MembershipListener() {
                  @Override
                  public void memberAdded(MembershipEvent event) {
                    LOG.log(Level.INFO, "Cluster member joined: {0}", event.getMember());
                    // A member back after a split keeps its id: its reports are signs of life
                    // again.
                    departed.remove(event.getMember().getUuid().toString());
                  }

                  @Override
                  public void memberRemoved(MembershipEvent event) {
                    LOG.log(Level.WARNING, "Cluster member left: {0}", event.getMember());
                    departed.add(event.getMember().getUuid().toString());
                  }
                });
    scheduler = new ScheduledThreadPoolExecutor(1, threads);
    scheduler.scheduleWithFixedDelay(
        this::publishAndRefresh, 0, settings.publishInterval().toMillis(), TimeUnit.MILLISECONDS);
    LOG.log(
        Level.INFO,
        "Fleetgate node {0} joined cluster {1} ({2} discovery, grid {3}, {4} members)",
        new Object[] {
          localNode,
          settings.name(),
          settings.discovery().key(),
          address(grid.getCluster().getLocalMember()),
          grid.getCluster().getMembers().size()
        });
  }

  @PreDestroy
  void leave() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      requestThreads.shutdownNow();
      try {
        messages.removeMessageListener(topicListener);
        reports.removeMessageListener(reportListener);
        grid.getCluster().removeMembershipListener(membershipListener);
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, "Leaving the grid: {0}", e.toString());
      }
    }
  }

  // ---- queries ------------------------------------------------------------------------------

  public boolean enabled() {
    return settings.enabled();
  }

  public String localNode() {
    return localNode;
  }

  /** Every node, live and lost, by name; this node alone without a cluster. */
  public List<ClusterNode> nodes() {
    if (!settings.enabled()) {
      return List.of(new ClusterNode(report(), true, Instant.now(), null));
    }
    return nodes;
  }

  public Optional<ClusterNode> node(String name) {
    return nodes().stream().filter(n -> n.name().equals(name)).findFirst();
  }

  /** How many members the data grid has now (0 without a cluster). */
  public int gridMembers() {
    return settings.enabled() ? grid.getCluster().getMembers().size() : 0;
  }

  /** Bytes of reports this node put into the grid since it started (for docs/scale.md). */
  public long bytesPublished() {
    return bytesPublished.get();
  }

  /** The key that signs console sessions valid on every node, or empty without a cluster. */
  public Optional<byte[]> sessionKey() {
    return settings.enabled() ? Optional.of(secret.sessionKey()) : Optional.empty();
  }

  // ---- operations -----------------------------------------------------------------------------

  /**
   * Carries out {@code command} on {@code node}'s supervisor: at once when it is this node, else by
   * the owning node, which audits it too (R3).
   *
   * @throws OperationFailedException as the owner's supervisor would, or when the node is unknown,
   *     lost, or does not answer in time
   */
  public void perform(String node, NodeCommand command, String app, int argument, String user) {
    if (node == null || node.isEmpty() || node.equals(localNode)) {
      command.apply(supervisor, app, argument);
      return;
    }
    ask(
        node,
        Json.createObjectBuilder()
            .add("action", "operation")
            .add("command", command.name())
            .add("app", app)
            .add("argument", argument)
            .add("user", user)
            .build(),
        OPERATION_LIMIT);
  }

  /** {@link Supervisor#logAfter} of a worker on any node: fetched from it when it is another. */
  public List<LogEntry> logAfter(String node, String app, int workerId, long after) {
    if (node == null || node.isEmpty() || node.equals(localNode)) {
      return supervisor.logAfter(app, workerId, after);
    }
    JsonObject reply =
        ask(
            node,
            Json.createObjectBuilder()
                .add("action", "log")
                .add("app", app)
                .add("worker", workerId)
                .add("after", after)
                .build(),
            QUERY_LIMIT);
    List<LogEntry> entries = new ArrayList<>();
    for (JsonObject line : reply.getJsonArray("lines").getValuesAs(JsonObject.class)) {
      entries.add(
          new LogEntry(
              line.getJsonNumber("number").longValue(),
              workerId,
              new LogLine(
                  Instant.parse(line.getString("at")),
                  LogLine.Stream.valueOf(line.getString("stream")),
                  line.getString("text"))));
    }
    return entries;
  }

  /**
   * Restarts {@code app} (every app when null) on every live node, one node after the other: the
   * next node starts only once the previous one runs all its workers READY again (R3.3).
   *
   * @return the nodes restarted, in order
   */
  public List<String> rollingRestart(String app, String user) {
    return new ClusterRollingRestart(this, OPERATION_LIMIT, settings.publishInterval().dividedBy(2))
        .run(app, user);
  }

  private JsonObject ask(String node, JsonObject body, Duration limit) {
    ClusterNode target =
        node(node)
            .filter(n -> !n.lost())
            .orElseThrow(
                () ->
                    new OperationFailedException(
                        Kind.NO_SUCH_WORKER,
                        node(node).isPresent()
                            ? "node " + node + " is lost"
                            : "no node named " + node + " in the cluster",
                        null));
    JsonObject reply;
    try {
      reply =
          messenger
              .request(node, target.report().incarnation(), body)
              .get(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new OperationFailedException(
          "node " + node + " did not answer within " + limit.toSeconds() + " s", e);
    } catch (ExecutionException e) {
      throw new OperationFailedException(
          "node " + node + ": " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OperationFailedException("interrupted while node " + node + " worked", e);
    }
    if (!reply.getBoolean("ok")) {
      throw new OperationFailedException(
          Kind.valueOf(reply.getString("kind")), reply.getString("message"), null);
    }
    return reply;
  }

  // ---- the periodic task ----------------------------------------------------------------------

  private void publishAndRefresh() {
    try {
      NodeReport report = report();
      String signed = secret.sign(NodeReportJson.write(report));
      reports.publish(signed);
      bytesPublished.addAndGet(signed.getBytes(StandardCharsets.UTF_8).length);
      heard.put(localNode, report);
      List<ClusterNode> updated =
          view.update(List.copyOf(heard.values()), Set.copyOf(departed), Instant.now());
      heard.keySet().retainAll(updated.stream().map(ClusterNode::name).toList());
      for (ClusterNode node : updated) {
        boolean wasLive = nodes.stream().anyMatch(n -> n.name().equals(node.name()) && !n.lost());
        if (node.lost() && wasLive) {
          LOG.log(
              Level.WARNING,
              "Cluster node {0} lost at {1} (last report {2})",
              new Object[] {node.name(), node.lostAt(), node.lastSeen()});
          messenger.failPending(node.name(), "node " + node.name() + " was lost");
        }
      }
      nodes = updated;
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Publishing this node''s report failed: {0}", e.toString());
    }
  }

  /** Another node's report, from the grid's event thread: kept when genuine and newer. */
  private void hear(String signed) {
    Optional<String> text = secret.verify(signed);
    if (text.isEmpty()) {
      LOG.log(Level.WARNING, "Ignored a node report not signed with this cluster''s secret");
      return;
    }
    try {
      NodeReport report = NodeReportJson.read(text.get());
      if (!report.node().equals(localNode)) {
        heard.merge(
            report.node(),
            report,
            (old, now) ->
                old.incarnation().equals(now.incarnation()) && old.sequence() > now.sequence()
                    ? old
                    : now);
      }
    } catch (IllegalArgumentException e) {
      LOG.log(Level.WARNING, "Ignored a node report: {0}", e.getMessage());
    }
  }

  private NodeReport report() {
    List<AppReport> apps = new ArrayList<>();
    for (String app : supervisor.apps()) {
      try {
        FleetSnapshot fleet = supervisor.snapshot(app);
        List<String> command =
            fleet.workers().isEmpty() ? List.of() : fleet.workers().get(0).command();
        apps.add(new AppReport(app, supervisor.minReady(app), command, fleet));
      } catch (java.util.NoSuchElementException e) {
        // removed by a reload since apps() was read
      }
    }
    Member member = grid == null ? null : grid.getCluster().getLocalMember();
    return new NodeReport(
        localNode,
        FleetgateVersion.current(),
        hostName() + ":" + httpPort(),
        member == null ? "" : address(member),
        member == null ? "" : member.getUuid().toString(),
        startedAt,
        sequence.incrementAndGet(),
        apps,
        supervisor.traffic());
  }

  private static String address(Member member) {
    return member.getAddress().getHost() + ":" + member.getAddress().getPort();
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }

  /** The front door's port, as the launcher was told it. */
  private static int httpPort() {
    String port = System.getenv("FLEETGATE_HTTP_PORT");
    return port != null && port.matches("\\d{1,5}") ? Integer.parseInt(port) : 8080;
  }
}
