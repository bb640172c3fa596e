package dev.fleetgate.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConsolePathsTest {

  @Test
  @DisplayName("R4 in the EAR the views sit at the application root")
  void earPathsHaveNoPrefix() {
    ConsolePaths cut = new ConsolePaths();
    cut.prefix = ConsolePaths.validPrefix(null);

    assertEquals("/login.xhtml", cut.getLoginPage());
    assertEquals("/index.xhtml", cut.getIndexPage());
  }

  @Test
  @DisplayName("R4 in the merged WAR the views sit under /admin")
  void mergedWarPathsHaveAdminPrefix() {
    ConsolePaths cut = new ConsolePaths();
    cut.prefix = ConsolePaths.validPrefix("/admin");

    assertEquals("/admin/login.xhtml", cut.getLoginPage());
    assertEquals("/admin/index.xhtml", cut.getIndexPage());
  }

  @ParameterizedTest
  @DisplayName(
      "R4 a prefix without a leading slash or with a trailing one fails, naming the parameter")
  @ValueSource(strings = {"admin", "/admin/", "/"})
  void refusesMalformedPrefix(String prefix) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ConsolePaths.validPrefix(prefix));

    assertTrue(e.getMessage().startsWith(ConsolePaths.PREFIX_PARAM), e.getMessage());
  }
}
