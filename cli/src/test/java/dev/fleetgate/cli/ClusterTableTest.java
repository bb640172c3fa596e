package dev.fleetgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ClusterTableTest {

  /** Two nodes of the default app: web-1 (this one, live) and web-2 (lost 30 s ago). */
  static final String TWO_NODES =
      "{\"enabled\":true,\"node\":\"web-1\",\"gridMembers\":1,\"time\":\"2026-12-02T15:00:00Z\","
          + "\"nodes\":["
          + "{\"name\":\"web-1\",\"local\":true,\"state\":\"LIVE\",\"lostAt\":null,"
          + "\"lastSeen\":\"2026-12-02T15:00:00Z\",\"http\":\"web-1:8080\","
          + "\"grid\":\"10.0.0.1:5701\",\"version\":\"0.1.0\","
          + "\"startedAt\":\"2026-12-02T14:00:00Z\",\"status\":{"
          + "\"time\":\"2026-12-02T15:00:00Z\",\"desired\":2,\"ready\":2,"
          + "\"apps\":[{\"name\":\"default\",\"desired\":2,\"ready\":2}],\"workers\":["
          + "{\"id\":0,\"app\":\"default\",\"name\":\"0\",\"state\":\"READY\",\"pid\":7,"
          + "\"port\":3000,\"uptimeSeconds\":75,\"restarts\":0,\"inFlight\":0,\"requests\":9,"
          + "\"errors\":0,\"memoryBytes\":1024,\"cpuPercent\":0.5,\"lastExit\":null,"
          + "\"reason\":null},"
          + "{\"id\":1,\"app\":\"default\",\"name\":\"1\",\"state\":\"READY\",\"pid\":8,"
          + "\"port\":3001,\"uptimeSeconds\":75,\"restarts\":0,\"inFlight\":0,\"requests\":4,"
          + "\"errors\":0,\"memoryBytes\":1024,\"cpuPercent\":0.5,\"lastExit\":null,"
          + "\"reason\":null}]}},"
          + "{\"name\":\"web-2\",\"local\":false,\"state\":\"LOST\","
          + "\"lostAt\":\"2026-12-02T14:59:30Z\",\"lastSeen\":\"2026-12-02T14:59:20Z\","
          + "\"http\":\"web-2:8080\",\"grid\":\"10.0.0.2:5701\",\"version\":\"0.1.0\","
          + "\"startedAt\":\"2026-12-02T14:00:00Z\",\"status\":{"
          + "\"time\":\"2026-12-02T14:59:20Z\",\"desired\":1,\"ready\":0,"
          + "\"apps\":[{\"name\":\"default\",\"desired\":1,\"ready\":0}],\"workers\":["
          + "{\"id\":0,\"app\":\"default\",\"name\":\"0\",\"state\":\"FAILED\",\"pid\":null,"
          + "\"port\":3000,\"uptimeSeconds\":null,\"restarts\":10,\"inFlight\":0,"
          + "\"requests\":0,\"errors\":0,\"memoryBytes\":null,\"cpuPercent\":null,"
          + "\"lastExit\":{\"code\":1,\"signal\":null,\"at\":\"2026-12-02T14:59:15Z\"},"
          + "\"reason\":\"10 failed starts within 60 s\"}]}}]}";

  @Test
  @DisplayName("R7 status --cluster: one table with a NODE column, a line per node, the reasons")
  void printsEveryNodesWorkersInOneTable() {
    assertEquals(
        """
        NODE   ID  STATE   PID  PORT  UPTIME  RESTARTS  IN-FLIGHT  REQUESTS  ERRORS  MEMORY   CPU   LAST EXIT
        web-1  0   READY   7    3000  1m 15s  0         0          9         0       1.0 KiB  0.5%  -
        web-1  1   READY   8    3001  1m 15s  0         0          4         0       1.0 KiB  0.5%  -
        web-2  0   FAILED  -    3000  -       10        0          0         0       -        -     exit 1, 5s ago
        web-1 (this node): LIVE, http web-1:8080, grid 10.0.0.1:5701, version 0.1.0, 2 of 2 ready
        web-2: LOST since 2026-12-02T14:59:30Z (30s ago), http web-2:8080, grid 10.0.0.2:5701, version 0.1.0, 0 of 1 ready
        worker 0 on node web-2: 10 failed starts within 60 s
        cluster: 2 nodes (1 live), 1 grid member
        """,
        ClusterTable.format(Json.object(TWO_NODES)));
  }

  @Test
  @DisplayName("R7 status --cluster with several apps: NODE, then APP, and the ready count per app")
  void printsAnAppColumnWhenTheNodesRunSeveralApps() {
    String cluster =
        "{\"enabled\":true,\"node\":\"a\",\"gridMembers\":2,\"time\":\"2026-12-02T15:00:00Z\","
            + "\"nodes\":["
            + "{\"name\":\"a\",\"local\":true,\"state\":\"LIVE\",\"lostAt\":null,"
            + "\"http\":\"a:8080\",\"grid\":\"10.0.0.1:5701\",\"version\":\"0.1.0\","
            + "\"status\":{\"time\":\"2026-12-02T15:00:00Z\",\"desired\":2,\"ready\":2,\"apps\":["
            + "{\"name\":\"default\",\"desired\":1,\"ready\":1},"
            + "{\"name\":\"api\",\"desired\":1,\"ready\":1}],\"workers\":["
            + "{\"id\":0,\"app\":\"default\",\"name\":\"0\",\"state\":\"READY\",\"port\":3000},"
            + "{\"id\":0,\"app\":\"api\",\"name\":\"api/0\",\"state\":\"READY\",\"port\":9000}]}},"
            + "{\"name\":\"b\",\"local\":false,\"state\":\"LIVE\",\"lostAt\":null,"
            + "\"http\":\"b:8080\",\"grid\":\"10.0.0.2:5701\",\"version\":\"0.1.1\","
            + "\"status\":{\"time\":\"2026-12-02T15:00:00Z\",\"desired\":1,\"ready\":0,\"apps\":["
            + "{\"name\":\"api\",\"desired\":1,\"ready\":0}],\"workers\":["
            + "{\"id\":0,\"app\":\"api\",\"name\":\"api/0\",\"state\":\"STARTING\","
            + "\"port\":9000}]}}]}";

    assertEquals(
        """
        NODE  APP      ID  STATE     PID  PORT  UPTIME  RESTARTS  IN-FLIGHT  REQUESTS  ERRORS  MEMORY  CPU  LAST EXIT
        a     default  0   READY     -    3000  -       -         -          -         -       -       -    -
        a     api      0   READY     -    9000  -       -         -          -         -       -       -    -
        b     api      0   STARTING  -    9000  -       -         -          -         -       -       -    -
        a (this node): LIVE, http a:8080, grid 10.0.0.1:5701, version 0.1.0, ready: default 1 of 1, api 1 of 1
        b: LIVE, http b:8080, grid 10.0.0.2:5701, version 0.1.1, ready: api 0 of 1
        cluster: 2 nodes (2 live), 2 grid members
        """,
        ClusterTable.format(Json.object(cluster)));
  }

  @Test
  @DisplayName("R7 status --cluster without a cluster: this node alone, no grid address")
  void printsThisNodeAloneWithoutACluster() {
    String cluster =
        "{\"enabled\":false,\"node\":\"host:8080\",\"gridMembers\":0,"
            + "\"time\":\"2026-12-02T15:00:00Z\",\"nodes\":[{\"name\":\"host:8080\","
            + "\"local\":true,\"state\":\"LIVE\",\"lostAt\":null,\"http\":\"host:8080\","
            + "\"grid\":null,\"version\":\"0.1.0\",\"status\":{\"time\":\"2026-12-02T15:00:00Z\","
            + "\"desired\":0,\"ready\":0,\"apps\":[{\"name\":\"default\",\"desired\":0,"
            + "\"ready\":0}],\"workers\":[]}}]}";

    assertEquals(
        """
        NODE  ID  STATE  PID  PORT  UPTIME  RESTARTS  IN-FLIGHT  REQUESTS  ERRORS  MEMORY  CPU  LAST EXIT
        host:8080 (this node): LIVE, http host:8080, version 0.1.0, 0 of 0 ready
        no cluster: this node alone (fleetgate.cluster.enabled is off)
        """,
        ClusterTable.format(Json.object(cluster)));
  }

  @Test
  @DisplayName("R7 a lost node's line says since when, to the second, and how long ago when known")
  void writesALostNodesLine() {
    assertEquals(
        "n2: LOST since 2026-12-02T14:59:30Z, http -, version -, - of - ready",
        ClusterTable.nodeLine(
            Json.object("{\"name\":\"n2\",\"state\":\"LOST\",\"lostAt\":\"2026-12-02T14:59:30Z\"}"),
            null));
    assertEquals(
        "n2: LOST since 2026-12-02T14:59:30Z (2m 29s ago), http -, version -, - of - ready",
        ClusterTable.nodeLine(
            Json.object(
                "{\"name\":\"n2\",\"state\":\"LOST\","
                    + "\"lostAt\":\"2026-12-02T14:59:30.123456789Z\"}"),
            Instant.parse("2026-12-02T15:02:00Z")));
  }
}
