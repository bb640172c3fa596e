package dev.fleetgate.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The query parameters the endpoints take (R7, R8, R9, R12). */
class QueryTest {

  @Test
  void decodesNamesAndValuesAndKeepsTheFirstOfARepeatedName() {
    Query cut = Query.parse("b%79tes=1%30&bytes=99&chunk=7");

    assertEquals(10, cut.number("bytes", 0, 0, 100));
    assertEquals(7, cut.number("chunk", 0, 0, 100));
  }

  @Test
  void answersTheFallbackForAnAbsentOrEmptyNumber() {
    assertEquals(5, Query.parse(null).number("count", 5, 0, 10));
    assertEquals(5, Query.parse("count=&x").number("count", 5, 0, 10));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ms=abc", "ms=-1", "ms=11", "ms=1e3", "ms=%zz"})
  void rejectsAValueThatIsNotAWholeNumberInRange(String query) {
    assertThrows(BadRequest.class, () -> Query.parse(query).number("ms", 0, 0, 10));
  }

  @Test
  void readsAFlagAsTrueOnlyWhenItSaysTrue() {
    assertTrue(Query.parse("length=TRUE").flag("length"));
    assertFalse(Query.parse("length=1").flag("length"));
    assertFalse(Query.parse("").flag("length"));
  }
}
