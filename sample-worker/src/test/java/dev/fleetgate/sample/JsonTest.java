package dev.fleetgate.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** R17: answers are JSON written by hand, with strings escaped per RFC 8259. */
class JsonTest {

  @Test
  void r17_writesStringsNumbersNullsAndArraysInOrder() {
    String json =
        Json.object()
            .add("s", "x")
            .add("n", -42)
            .add("missing", (String) null)
            .add("list", List.of("a", "b"))
            .add("empty", List.of())
            .end();

    assertEquals(
        "{\"s\":\"x\",\"n\":-42,\"missing\":null,\"list\":[\"a\",\"b\"],\"empty\":[]}", json);
  }

  @Test
  void r17_writesAnEmptyObject() {
    assertEquals("{}", Json.object().end());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "quote         | a\"b          | \"a\\\"b\"",
        "backslash     | a\\b          | \"a\\\\b\"",
        "slash kept    | a/b           | \"a/b\"",
        "non-ASCII kept| żółw ☃        | \"żółw ☃\"",
      })
  void r17_escapesWhatJsonRequires(String what, String value, String expected) {
    assertEquals("{\"v\":" + expected + "}", Json.object().add("v", value).end());
  }

  @Test
  void r17_escapesEveryControlCharacter() {
    String json = Json.object().add("v", "\n\r\t\b\f\u0000\u001f\u007f").end();

    assertEquals("{\"v\":\"\\n\\r\\t\\b\\f\\u0000\\u001f\u007f\"}", json);
  }

  @Test
  void r17_escapesNames() {
    assertEquals("{\"a\\\"b\":1}", Json.object().add("a\"b", 1).end());
  }
}
