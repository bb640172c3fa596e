package dev.fleetgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

  @Test
  @DisplayName("R6 reads every JSON value the API writes, with the JDK alone")
  void readsTheApisValues() {
    Map<String, Object> cut =
        Json.object(
            " {\"id\": 0, \"big\": 12345678901, \"cpu\": 0.5, \"e\": 1e3, \"neg\": -7,"
                + " \"ok\": true, \"no\": false, \"pid\": null, \"list\": [1, \"two\", []],"
                + " \"nested\": {\"a\": {}}, \"text\": \"tab\\tquote\\\" \\u00e9\\ud83d\\ude00"
                + " slash\\/ back\\\\\"}\n");

    assertEquals(0L, cut.get("id"));
    assertEquals(12345678901L, cut.get("big"));
    assertEquals(0.5, cut.get("cpu"));
    assertEquals(1000.0, cut.get("e"));
    assertEquals(-7L, cut.get("neg"));
    assertEquals(true, cut.get("ok"));
    assertEquals(false, cut.get("no"));
    assertNull(cut.get("pid"));
    assertEquals(Arrays.asList(1L, "two", List.of()), cut.get("list"));
    assertEquals(Map.of("a", Map.of()), cut.get("nested"));
    assertEquals("tab\tquote\" é😀 slash/ back\\", cut.get("text"));
    assertEquals(
        List.of("id", "big", "cpu", "e", "neg", "ok", "no", "pid", "list", "nested", "text"),
        List.copyOf(cut.keySet()));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "{",
        "{\"a\" 1}",
        "{\"a\": 1,}",
        "[1 2]",
        "{\"a\": tru}",
        "\"unterminated",
        "{} {}",
        "<html>",
        "\"bad \\x escape\""
      })
  @DisplayName("R6 what is not JSON is an error, not a wrong value")
  void refusesWhatIsNotJson(String text) {
    assertThrows(IllegalArgumentException.class, () -> Json.parse(text));
  }

  @Test
  @DisplayName("R6 an answer that is no object is an error")
  void saysWhenTheValueIsNoObject() {
    assertThrows(IllegalArgumentException.class, () -> Json.object("[1]"));
  }
}
