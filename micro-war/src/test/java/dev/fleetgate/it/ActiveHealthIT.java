package dev.fleetgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * R10 on a real server: a worker whose health check path fails is taken out of rotation although
 * its process runs and its port answers, as HAProxy's active checks do.
 */
class ActiveHealthIT {

  @Test
  void r10_aWorkerFailingItsHealthCheckGetsNoTraffic() throws Exception {
    try (MicroProcess server =
        MicroProcess.start(
            Path.of(System.getProperty("java.io.tmpdir"), "active-health-it"),
            Map.of(
                "FLEETGATE_WORKERS_COUNT", "1",
                "FLEETGATE_WORKERS_BASE_PORT", "23280",
                "FLEETGATE_PROXY_HEALTH_CHECK_PATH", "/status/503",
                "FLEETGATE_PROXY_HEALTH_CHECK_INTERVAL", "300ms",
                "FLEETGATE_PROXY_HEALTH_CHECK_FALL", "3"),
            List.of())) {
      Http.await(
          () -> Http.readyWorkers(server.base()) == 1, Duration.ofSeconds(180), "worker ready");

      Http.await(
          () -> Http.status(server.base(), "/probe") == 502,
          Duration.ofSeconds(10),
          "taken out of rotation after three failed checks");
      HttpResponse<String> refused = Http.get(server.base(), "/probe");
      assertEquals(502, refused.statusCode());
      assertTrue(refused.body().contains("no live worker"), refused.body());
      assertEquals(1, Http.readyWorkers(server.base()), "the supervisor still has it READY");
    }
  }
}
