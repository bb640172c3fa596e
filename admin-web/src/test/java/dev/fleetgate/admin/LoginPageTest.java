package dev.fleetgate.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LoginPageTest {

  @Test
  @DisplayName("security R5 a typed user name cannot forge log lines")
  void logsUserNameOnOneLine() {
    assertEquals("admin?INFO forged", LoginPage.printable("admin\nINFO forged"));
  }

  @Test
  @DisplayName("security R5 a long user name is cut for the log")
  void cutsLongUserName() {
    assertEquals("a".repeat(64) + "…", LoginPage.printable("a".repeat(200)));
  }
}
