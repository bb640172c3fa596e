package dev.fleetgate.admin.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ConsoleIdentityStoreTest {

  /** A store with the administrator {@code admin} and the viewer {@code ops}. */
  static ConsoleIdentityStore adminAndViewer() {
    ConsoleIdentityStore store = new ConsoleIdentityStore();
    store.username = "admin";
    store.passwordHash = Optional.empty();
    store.password = Optional.of("secret");
    store.viewerUsername = Optional.of("ops");
    store.viewerPasswordHash = Optional.empty();
    store.viewerPassword = Optional.of("look-only");
    store.resolveCredentials();
    return store;
  }

  @Test
  @DisplayName("R11.2 this node's role for a user name: administrator, viewer, or none")
  void rolesOfThisNodesUsers() {
    ConsoleIdentityStore cut = adminAndViewer();

    assertEquals(Optional.of(ConsoleIdentityStore.ROLE), cut.roleOf("admin"));
    assertEquals(Optional.of(ConsoleIdentityStore.VIEWER_ROLE), cut.roleOf("ops"));
    assertEquals(Optional.empty(), cut.roleOf("Admin"));
    assertEquals(Optional.empty(), cut.roleOf("mallory"));
    assertEquals(Optional.empty(), cut.roleOf(null));
  }

  @Test
  @DisplayName("R11.2 without a viewer only the administrator has a role")
  void noViewerNoViewerRole() {
    ConsoleIdentityStore cut = adminAndViewer();
    cut.viewerUsername = Optional.empty();
    cut.resolveCredentials();

    assertEquals(Optional.empty(), cut.roleOf("ops"));
    assertEquals(Optional.of(ConsoleIdentityStore.ROLE), cut.roleOf("admin"));
  }
}
