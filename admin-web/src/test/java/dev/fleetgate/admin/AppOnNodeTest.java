package dev.fleetgate.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class AppOnNodeTest {

  @Test
  @DisplayName("R18.2 the app menu's value names app and node, and reads back")
  void keyReadsBack() {
    AppOnNode cut = new AppOnNode("host-a.example:8080", "api");

    assertEquals("api@host-a.example:8080", cut.key());
    assertEquals("api on host-a.example:8080", cut.label());
    assertEquals(Optional.of(cut), AppOnNode.parse(cut.key()));
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "api", "@n1", "api@", "@"})
  @DisplayName("R18.2 a value without both app and node chooses nothing")
  void refusesIncompleteKeys(String key) {
    assertTrue(AppOnNode.parse(key).isEmpty());
  }
}
