package dev.fleetgate.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretMaskTest {

  @ParameterizedTest
  @DisplayName("R10 names that look secret hide their value")
  @ValueSource(
      strings = {
        "fleetgate.admin.password",
        "fleetgate.admin.password-hash",
        "fleetgate.metrics.token",
        "DB_PASSWORD",
        "API_KEY",
        "client_secret",
        "AWS_CREDENTIALS",
        "Session_Token"
      })
  void masksSecretLookingNames(String name) {
    assertEquals(SecretMask.MASK, SecretMask.value(name, "s3cr3t"));
  }

  @ParameterizedTest
  @DisplayName("R10 other names show their value")
  @ValueSource(strings = {"PORT", "WORKER_ID", "HOST", "fleetgate.workers.count", "NODE_ENV"})
  void showsOrdinaryValues(String name) {
    assertEquals("value", SecretMask.value(name, "value"));
  }

  @Test
  @DisplayName("R10 each entry of fleetgate.workers.env is masked by its own name")
  void masksEntriesOfWorkersEnv() {
    String shown =
        SecretMask.configValue(
            "fleetgate.workers.env", "NODE_ENV=production,DB_PASSWORD=a\\,b,API_TOKEN=x,EMPTY");

    assertEquals("NODE_ENV=production,DB_PASSWORD=••••••,API_TOKEN=••••••,EMPTY", shown);
  }

  @Test
  @DisplayName("R10 a missing value reads empty, not 'null'")
  void showsMissingAsEmpty() {
    assertEquals("", SecretMask.configValue("fleetgate.workers.directory", null));
  }
}
