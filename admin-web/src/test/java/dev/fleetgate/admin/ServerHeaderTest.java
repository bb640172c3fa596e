package dev.fleetgate.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetgate.supervisor.config.InvalidConfigurationException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServerHeaderTest {

  @Test
  @DisplayName("R15 unset, the Server header says Fleetgate")
  void defaultsToFleetgate() {
    assertEquals("Fleetgate", ServerHeaderValue.parse(null));
  }

  @Test
  @DisplayName("R15 the configured text is sent as it is, trimmed")
  void sendsTheConfiguredText() {
    assertEquals("edge/1.0 (acme)", ServerHeaderValue.parse(" edge/1.0 (acme) "));
  }

  @ParameterizedTest
  @DisplayName("R15 none (or empty) sends no Server header at all")
  @ValueSource(strings = {"none", "NONE", "", "  "})
  void emptySendsNone(String raw) {
    assertNull(ServerHeaderValue.parse(raw));
  }

  @ParameterizedTest
  @DisplayName("R15 text a header cannot carry stops start-up, naming the key")
  @ValueSource(strings = {"Fleet\r\nSet-Cookie: x=1", "Fleet\u0000gate", "Flëetgate"})
  void refusesTextAHeaderCannotCarry(String raw) {
    InvalidConfigurationException e =
        assertThrows(InvalidConfigurationException.class, () -> ServerHeaderValue.parse(raw));

    assertEquals(ServerHeaderValue.KEY, e.key());
    assertTrue(e.getMessage().contains("fleetgate.http.server-header"), e.getMessage());
  }

  @Test
  @DisplayName("R15 an overlong value stops start-up")
  void refusesOverlongText() {
    assertThrows(
        InvalidConfigurationException.class, () -> ServerHeaderValue.parse("x".repeat(201)));
  }
}
