package dev.fleetgate.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetgate.supervisor.entity.TrafficSample;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ChartSeriesTest {

  static final Instant T0 = Instant.parse("2025-01-01T12:00:00Z");
  static final Instant T1 = T0.plusSeconds(5);

  static TrafficSample sample(Instant at, int worker, double rps, double p50, int restarts) {
    return sample(at, "default", worker, rps, p50, restarts);
  }

  static TrafficSample sample(
      Instant at, String app, int worker, double rps, double p50, int restarts) {
    return new TrafficSample(at, app, worker, rps, 0, p50, p50 * 2, restarts);
  }

  @Test
  @DisplayName("R13 one x-axis point per tick and one requests line per worker")
  void buildsOneLinePerWorker() {
    ChartSeries cut =
        new ChartSeries(
            List.of(
                sample(T0, 0, 1.5, 2, 0),
                sample(T0, 1, 2, 3, 0),
                sample(T1, 0, 4, 5, 1),
                sample(T1, 1, 0.25, 1, 0)),
            ZoneOffset.UTC);

    String json = cut.requests();

    assertEquals(2, cut.points());
    assertTrue(json.contains("\"labels\":[\"12:00:00\",\"12:00:05\"]"), json);
    assertTrue(json.contains("\"label\":\"worker 0\",\"data\":[1.500,4]"), json);
    assertTrue(json.contains("\"label\":\"worker 1\",\"data\":[2,0.250]"), json);
    assertTrue(json.startsWith("{\"type\":\"line\""), json);
  }

  @Test
  @DisplayName("R13 each app's workers are lines of their own, named app/id, in the apps' order")
  void namesLinesByWorkerName() {
    ChartSeries cut =
        new ChartSeries(
            List.of(
                sample(T0, "web", 1, 1, 1, 0),
                sample(T0, "web", 0, 2, 1, 0),
                sample(T0, "api", 0, 3, 1, 0)),
            ZoneOffset.UTC);

    String json = cut.requests();

    int web0 = json.indexOf("\"label\":\"worker web/0\",\"data\":[2]");
    int web1 = json.indexOf("\"label\":\"worker web/1\",\"data\":[1]");
    int api0 = json.indexOf("\"label\":\"worker api/0\",\"data\":[3]");
    assertTrue(web0 >= 0 && web0 < web1 && web1 < api0, json);
    assertTrue(
        json.contains(
            "\"worker api/0\",\"data\":[3],\"borderColor\":\"" + ChartSeries.PALETTE[3] + "\""),
        "api/0 is not coloured as web/0: " + json);
  }

  @Test
  @DisplayName("R13 a latency without requests (NaN) and a missing sample are gaps, not zeros")
  void leavesGaps() {
    ChartSeries cut =
        new ChartSeries(
            List.of(
                sample(T0, 0, 0, Double.NaN, 0), sample(T1, 0, 1, 8, 0), sample(T1, 2, 1, 4, 0)),
            ZoneOffset.UTC);

    String json = cut.latency();

    assertTrue(json.contains("\"label\":\"worker 0 p99\",\"data\":[null,16]"), json);
    assertTrue(json.contains("\"label\":\"worker 0 p50\",\"data\":[null,8]"), json);
    assertTrue(json.contains("\"label\":\"worker 2 p50\",\"data\":[null,4]"), json);
  }

  @Test
  @DisplayName("R13 restarts are a stepped line of the count so far")
  void drawsRestartsAsSteps() {
    ChartSeries cut =
        new ChartSeries(List.of(sample(T0, 0, 0, 1, 0), sample(T1, 0, 0, 1, 2)), ZoneOffset.UTC);

    String json = cut.restarts();

    assertTrue(json.contains("\"data\":[0,2]"), json);
    assertTrue(json.contains("\"stepped\":true"), json);
    assertTrue(json.contains("\"precision\":0"), json);
  }

  @Test
  @DisplayName("R13 without samples the charts have no points")
  void hasNoPointsWithoutSamples() {
    assertEquals(0, new ChartSeries(List.of(), ZoneOffset.UTC).points());
  }

  @Test
  @DisplayName("R13 labels are valid JSON strings that cannot close a script element")
  void escapesStrings() {
    assertEquals("\"a\\\"b\\\\c\\u003c/script>\\u000a\"", ChartSeries.string("a\"b\\c</script>\n"));
  }
}
