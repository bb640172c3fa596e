package dev.fleetgate.admin.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ParametersTest {

  @Test
  @DisplayName("R5 a worker id is digits")
  void readsWorkerId() {
    assertEquals(0, Parameters.workerId("0"));
    assertEquals(12, Parameters.workerId("12"));
  }

  @ParameterizedTest
  @DisplayName("R5 anything else names no worker: 404 naming it")
  @ValueSource(strings = {"", "-1", "abc", "1x", "+1", "1234567890", " 1"})
  void refusesOtherWorkerIds(String text) {
    ApiRefusal refusal = assertThrows(ApiRefusal.class, () -> Parameters.workerId(text));

    assertEquals(404, refusal.status());
    assertEquals("no worker " + text, refusal.getMessage());
  }

  @ParameterizedTest
  @DisplayName("R7 an app's name is what an app may be named")
  @ValueSource(strings = {"api", "default", "web-2", "a"})
  void readsAppNames(String text) {
    assertEquals(text, Parameters.app(text));
  }

  @ParameterizedTest
  @DisplayName("R7 a name no app can have is a 404 naming it")
  @ValueSource(strings = {"", "Api", "2web", "a_b", "api/0", "-api"})
  void refusesOtherAppNames(String text) {
    ApiRefusal refusal = assertThrows(ApiRefusal.class, () -> Parameters.app(text));

    assertEquals(404, refusal.status());
    assertEquals("no app named '" + text + "'", refusal.getMessage());
  }

  @ParameterizedTest
  @DisplayName("R4 lines: 0 to 100000, 100 when absent")
  @CsvSource(
      value = {"NULL,100", "'',100", "0,0", "15,15", "100000,100000"},
      nullValues = "NULL")
  void readsLines(String text, int expected) {
    assertEquals(expected, Parameters.lines(text));
  }

  @ParameterizedTest
  @DisplayName("R5 a bad lines value is 400 naming it")
  @ValueSource(strings = {"-1", "ten", "100001", "1e3", "9999999"})
  void refusesBadLines(String text) {
    ApiRefusal refusal = assertThrows(ApiRefusal.class, () -> Parameters.lines(text));

    assertEquals(400, refusal.status());
    assertTrue(refusal.getMessage().contains("'" + text + "'"), refusal.getMessage());
  }

  @Test
  @DisplayName("R4 follow is true or false; anything else is 400")
  void readsFollow() {
    assertTrue(Parameters.follow("true"));
    assertFalse(Parameters.follow("false"));
    assertFalse(Parameters.follow(null));
    assertFalse(Parameters.follow(""));
    assertEquals(400, assertThrows(ApiRefusal.class, () -> Parameters.follow("yes")).status());
  }

  @ParameterizedTest
  @DisplayName("R3 scale reads {\"count\": N}")
  @CsvSource(
      delimiter = '|',
      value = {"{\"count\": 3}|3", "{\"count\":0}|0", "{\"count\": 300}|300", "{\"count\": -2}|-2"})
  void readsScaleCount(String body, int expected) {
    assertEquals(expected, Parameters.scaleCount(body));
  }

  @ParameterizedTest
  @DisplayName("R3 R5 a bad scale body is 400 naming the value")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"count\": \"abc\"}|count must be a whole number of workers, not \"abc\"",
        "{\"count\": 2.5}|count must be a whole number of workers, not 2.5",
        "{\"count\": 99999999999}|count must be a whole number of workers, not 99999999999",
        "{\"count\": null}|count must be a whole number of workers, not null",
        "{}|count is missing: send {\"count\": 3}",
        "3|Send a JSON object such as {\"count\": 3}.",
        "''|Send a JSON object such as {\"count\": 3}.",
        "{\"count\": |Send a JSON object such as {\"count\": 3}."
      })
  void refusesBadScaleBody(String body, String message) {
    ApiRefusal refusal = assertThrows(ApiRefusal.class, () -> Parameters.scaleCount(body));

    assertEquals(400, refusal.status());
    assertEquals(message, refusal.getMessage());
  }
}
