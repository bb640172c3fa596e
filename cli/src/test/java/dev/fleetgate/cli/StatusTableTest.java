package dev.fleetgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatusTableTest {

  @Test
  @DisplayName("R4 status: one row per worker as pm2 ls, the ready count, the reasons")
  void printsOneRowPerWorkerLikePm2Ls() {
    String status =
        "{\"time\":\"2026-12-02T15:00:00Z\",\"desired\":2,\"ready\":1,\"workers\":["
            + "{\"id\":0,\"state\":\"READY\",\"stateSince\":\"2026-12-02T14:59:00Z\","
            + "\"pid\":4242,\"port\":3000,\"uptimeSeconds\":75,\"restarts\":1,\"inFlight\":2,"
            + "\"requests\":917,\"errors\":7,\"memoryBytes\":48234496,\"cpuPercent\":0.5,"
            + "\"lastExit\":{\"code\":137,\"signal\":9,\"at\":\"2026-12-02T14:58:40Z\"},"
            + "\"reason\":null},"
            + "{\"id\":1,\"state\":\"FAILED\",\"stateSince\":\"2026-12-02T14:59:55Z\","
            + "\"pid\":null,\"port\":3001,\"uptimeSeconds\":null,\"restarts\":10,\"inFlight\":0,"
            + "\"requests\":0,\"errors\":0,\"memoryBytes\":null,\"cpuPercent\":null,"
            + "\"lastExit\":{\"code\":1,\"signal\":null,\"at\":\"2026-12-02T14:59:55Z\"},"
            + "\"reason\":\"10 failed starts within 60 s\"}]}";

    assertEquals(
        """
        ID  STATE   PID   PORT  UPTIME  RESTARTS  IN-FLIGHT  REQUESTS  ERRORS  MEMORY    CPU   LAST EXIT
        0   READY   4242  3000  1m 15s  1         2          917       7       46.0 MiB  0.5%  signal 9, 1m 20s ago
        1   FAILED  -     3001  -       10        0          0         0       -         -     exit 1, 5s ago
        1 of 2 ready
        worker 1: 10 failed starts within 60 s
        """,
        StatusTable.format(Json.object(status)));
  }

  @Test
  @DisplayName("R4 status of the default app alone reads as before apps")
  void printsTheDefaultAppAsBefore() {
    String status =
        "{\"time\":\"2026-12-02T15:00:00Z\",\"desired\":1,\"ready\":1,"
            + "\"apps\":[{\"name\":\"default\",\"desired\":1,\"ready\":1}],\"workers\":["
            + "{\"id\":0,\"app\":\"default\",\"name\":\"0\",\"state\":\"READY\",\"pid\":7,"
            + "\"port\":3000,\"reason\":\"odd\"}]}";

    assertEquals(
        """
        ID  STATE  PID  PORT  UPTIME  RESTARTS  IN-FLIGHT  REQUESTS  ERRORS  MEMORY  CPU  LAST EXIT
        0   READY  7    3000  -       -         -          -         -       -       -    -
        1 of 1 ready
        worker 0: odd
        """,
        StatusTable.format(Json.object(status)));
  }

  @Test
  @DisplayName("R4 R1.1 several apps: an APP column, rows grouped by app, a ready count per app")
  void printsAnAppColumnAndCountsPerApp() {
    String status =
        "{\"time\":\"2026-12-02T15:00:00Z\",\"desired\":3,\"ready\":2,\"apps\":["
            + "{\"name\":\"default\",\"desired\":1,\"ready\":1},"
            + "{\"name\":\"api\",\"desired\":2,\"ready\":1}],\"workers\":["
            + "{\"id\":0,\"app\":\"default\",\"name\":\"0\",\"state\":\"READY\",\"pid\":7,"
            + "\"port\":3000},"
            + "{\"id\":0,\"app\":\"api\",\"name\":\"api/0\",\"state\":\"READY\",\"pid\":8,"
            + "\"port\":9000},"
            + "{\"id\":1,\"app\":\"api\",\"name\":\"api/1\",\"state\":\"FAILED\","
            + "\"pid\":null,\"port\":9001,\"reason\":\"crashed\"}]}";

    assertEquals(
        """
        APP      ID  STATE   PID  PORT  UPTIME  RESTARTS  IN-FLIGHT  REQUESTS  ERRORS  MEMORY  CPU  LAST EXIT
        default  0   READY   7    3000  -       -         -          -         -       -       -    -
        api      0   READY   8    9000  -       -         -          -         -       -       -    -
        api      1   FAILED  -    9001  -       -         -          -         -       -       -    -
        default: 1 of 1 ready
        api: 1 of 2 ready
        worker api/1: crashed
        """,
        StatusTable.format(Json.object(status)));
  }

  @Test
  @DisplayName("R4 status of an empty fleet")
  void printsAnEmptyFleet() {
    assertEquals(
        """
        ID  STATE  PID  PORT  UPTIME  RESTARTS  IN-FLIGHT  REQUESTS  ERRORS  MEMORY  CPU  LAST EXIT
        0 of 0 ready
        """,
        StatusTable.format(
            Json.object(
                "{\"time\":\"2026-12-02T15:00:00Z\",\"desired\":0,\"ready\":0,\"workers\":[]}")));
  }

  @ParameterizedTest
  @CsvSource({"0,0s", "59,59s", "60,1m 0s", "3599,59m 59s", "3600,1h 0m", "90061,1d 1h"})
  @DisplayName("R4 uptimes read 45s, 2m 5s, 3h 12m, 2d 4h")
  void writesDurationsShortly(long seconds, String expected) {
    assertEquals(expected, StatusTable.duration(Duration.ofSeconds(seconds)));
  }

  @ParameterizedTest
  @CsvSource({"0,0 B", "1023,1023 B", "1024,1.0 KiB", "48234496,46.0 MiB", "1610612736,1.5 GiB"})
  @DisplayName("R4 memory in binary units")
  void writesBytesInBinaryUnits(long bytes, String expected) {
    assertEquals(expected, StatusTable.bytes(bytes));
  }

  @Test
  @DisplayName("R4 the last exit: code or signal, and how long ago")
  void writesTheLastExit() {
    Instant now = Instant.parse("2026-12-02T15:00:00Z");
    assertEquals("-", StatusTable.exit(null, now));
    assertEquals(
        "exit 0, 3s ago",
        StatusTable.exit(
            Json.object("{\"code\":0,\"signal\":null,\"at\":\"2026-12-02T14:59:57Z\"}"), now));
  }

  @Test
  @DisplayName("R4 R1.1 a log line of an app's worker: its name")
  void printsLogLinesWithTheWorkersName() {
    assertEquals(
        "api/3|out | up",
        LogFormat.line(
            Json.object(
                "{\"worker\":3,\"app\":\"api\",\"name\":\"api/3\",\"stream\":\"out\","
                    + "\"text\":\"up\"}")));
  }

  @Test
  @DisplayName("R4 a log line: worker, stream, text")
  void printsLogLinesLikePm2Logs() {
    assertEquals(
        "0|out | listening on 3000",
        LogFormat.line(
            Json.object(
                "{\"worker\":0,\"number\":4,\"at\":\"2026-12-02T15:00:00Z\",\"stream\":\"out\","
                    + "\"text\":\"listening on 3000\"}")));
    assertEquals(
        "12|err | boom",
        LogFormat.line(Json.object("{\"worker\":12,\"stream\":\"err\",\"text\":\"boom\"}")));
  }
}
