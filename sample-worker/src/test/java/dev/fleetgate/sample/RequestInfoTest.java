package dev.fleetgate.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The endpoints that answer what the worker saw: R3, R4, R8, R10, R11, and R12.4. */
@Timeout(30)
class RequestInfoTest {

  private static final long PID = ProcessHandle.current().pid();

  private LocalWorker worker;

  @BeforeEach
  void startWorker() {
    worker = LocalWorker.start(WorkerConfig.loopback(0, "w-7", false));
  }

  @AfterEach
  void stopWorker() {
    worker.close();
  }

  @Test
  void r3_answersWhatItSawOnTheRoot() throws Exception {
    HttpResponse<String> response = worker.get("/");

    assertEquals(200, response.statusCode());
    assertEquals(Optional.of("application/json"), response.headers().firstValue("content-type"));
    assertEquals(
        "{\"worker\":\"w-7\",\"pid\":"
            + PID
            + ",\"port\":"
            + worker.port()
            + ",\"method\":\"GET\",\"path\":\"/\",\"query\":null,\"host\":\"127.0.0.1:"
            + worker.port()
            + "\",\"xForwardedFor\":null,\"xForwardedProto\":null,"
            + "\"xForwardedHost\":null,\"xForwardedPort\":null,\"forwarded\":null}",
        response.body());
  }

  @Test
  void r18_tellsThePeerPortSoAReusedConnectionShows() throws Exception {
    HttpResponse<String> first = worker.get("/connection");
    HttpResponse<String> second = worker.get("/connection");

    assertEquals(200, first.statusCode());
    assertTrue(first.body().startsWith("{\"worker\":\"w-7\",\"peerPort\":"), first.body());
    assertEquals(first.body(), second.body(), "one pooled connection, one peer port");
  }

  @Test
  void r3_answersAnyOtherPathAndMethodWithTheRawPathQueryAndForwardingHeaders() throws Exception {
    HttpResponse<String> response =
        LocalWorker.CLIENT.send(
            worker
                .request("/any/deep%20path?q=%22x%22&y")
                .header("X-Forwarded-For", "203.0.113.9, 10.0.0.1")
                .header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Host", "example.org")
                .header("X-Forwarded-Port", "443")
                .header("Forwarded", "for=203.0.113.9;proto=https")
                .method("DELETE", BodyPublishers.noBody())
                .build(),
            BodyHandlers.ofString());

    assertEquals(200, response.statusCode());
    assertTrue(
        response
            .body()
            .contains(
                "\"method\":\"DELETE\",\"path\":\"/any/deep%20path\",\"query\":\"q=%22x%22&y\""),
        response.body());
    assertTrue(
        response
            .body()
            .endsWith(
                "\"xForwardedFor\":\"203.0.113.9, 10.0.0.1\",\"xForwardedProto\":\"https\","
                    + "\"xForwardedHost\":\"example.org\",\"xForwardedPort\":\"443\","
                    + "\"forwarded\":\"for=203.0.113.9;proto=https\"}"),
        response.body());
  }

  @Test
  void r4_listsEveryHeaderLowerCasedWithAllItsValues() throws Exception {
    HttpResponse<String> response =
        LocalWorker.CLIENT.send(
            worker
                .request("/headers")
                .header("X-Multi", "one")
                .header("X-Multi", "two")
                .header("X-Quoted", "say \"hi\"")
                .build(),
            BodyHandlers.ofString());

    assertEquals(200, response.statusCode());
    assertTrue(response.body().contains("\"host\":[\"127.0.0.1:" + worker.port() + "\"]"));
    assertTrue(response.body().contains("\"x-multi\":[\"one\",\"two\"]"), response.body());
    assertTrue(response.body().contains("\"x-quoted\":[\"say \\\"hi\\\"\"]"), response.body());
  }

  @Test
  void r8_waitsTheDelayThenAnswersWhatItSaw() throws Exception {
    long start = System.nanoTime();

    HttpResponse<String> response = worker.get("/delay?ms=300");

    long millis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(200, response.statusCode());
    assertTrue(millis >= 300, "answered after " + millis + " ms");
    assertTrue(response.body().contains("\"path\":\"/delay\",\"query\":\"ms=300\""));
  }

  @Test
  void r8_refusesANegativeDelay() throws Exception {
    assertEquals(400, worker.get("/delay?ms=-5").statusCode());
  }

  @Test
  void r10_reportsItselfUp() throws Exception {
    HttpResponse<String> response = worker.get("/health");

    assertEquals(200, response.statusCode());
    assertEquals("{\"status\":\"UP\",\"worker\":\"w-7\",\"pid\":" + PID + "}", response.body());
  }

  @ParameterizedTest
  @ValueSource(ints = {200, 404, 500, 502, 503})
  void r11_answersTheStatusItIsAskedFor(int status) throws Exception {
    HttpResponse<String> response = worker.get("/status/" + status);

    assertEquals(status, response.statusCode());
    assertEquals("{\"status\":" + status + ",\"worker\":\"w-7\"}", response.body());
  }

  @Test
  void r11_answers204WithoutABody() throws Exception {
    HttpResponse<String> response = worker.get("/status/204");

    assertEquals(204, response.statusCode());
    assertEquals("", response.body());
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "99", "600", ""})
  void r11_refusesAStatusOutside200To599(String status) throws Exception {
    HttpResponse<String> response = worker.get("/status/" + status);

    assertEquals(400, response.statusCode());
    assertTrue(response.body().contains("status must be a number from 200 to 599"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/crash", "/hang", "/leak?mb=1"})
  void r12_4_refusesChaosWhenItIsOff(String path) throws Exception {
    HttpResponse<String> response = worker.get(path);

    assertEquals(404, response.statusCode());
    assertTrue(response.body().contains("\"error\":\"chaos is off"), response.body());
    assertTrue(response.body().contains("SAMPLE_WORKER_CHAOS=true"), response.body());
  }
}
