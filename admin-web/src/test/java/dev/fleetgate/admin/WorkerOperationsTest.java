package dev.fleetgate.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fleetgate.admin.security.ConsoleIdentityStore;
import dev.fleetgate.supervisor.boundary.OperationFailedException;
import dev.fleetgate.supervisor.boundary.OperationFailedException.Kind;
import dev.fleetgate.supervisor.boundary.Supervisor;
import dev.fleetgate.supervisor.cluster.Cluster;
import jakarta.ejb.EJBException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WorkerOperationsTest {

  final List<String> restarted = new ArrayList<>();
  final List<String> audit = new ArrayList<>();
  final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          audit.add(String.valueOf(record.getParameters()[0]));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  WorkerOperations cut;

  @BeforeEach
  void wire() {
    Logger.getLogger("fleetgate.audit").addHandler(capture);
    cut = new WorkerOperations();
    // A node alone, as without fleetgate.cluster.enabled.
    cut.cluster =
        new Cluster() {
          @Override
          public boolean enabled() {
            return false;
          }

          @Override
          public String localNode() {
            return "this-node:8080";
          }
        };
    cut.supervisor =
        new Supervisor() {
          @Override
          public void restart(String app, int workerId) {
            if (workerId == 9) {
              throw new OperationFailedException(
                  Kind.NO_SUCH_WORKER, "restart worker 9 refused: no worker 9", null);
            }
            if (!app.equals("default") && !app.equals("api")) {
              throw new OperationFailedException(Kind.NO_SUCH_WORKER, "no app named " + app, null);
            }
            restarted.add("worker " + app + "/" + workerId);
          }

          @Override
          public void start(String app, int workerId) {
            throw new OperationFailedException(
                Kind.REFUSED,
                "start worker "
                    + workerId
                    + " refused: worker 1 is STOPPING: start it once it has"
                    + " stopped",
                null);
          }

          @Override
          public void scale(String app, int count) {
            throw new OperationFailedException(
                Kind.INVALID_ARGUMENT, "scale to " + count + " refused: out of range", null);
          }

          @Override
          public void rollingRestart(String app) {
            throw new EJBException("replacement did not become ready");
          }
        };
  }

  @AfterEach
  void unwire() {
    Logger.getLogger("fleetgate.audit").removeHandler(capture);
  }

  @Test
  @DisplayName("R6 R7 an administrator's operation is done, reported and audited")
  void performsForAdministrator() {
    cut.securityContext = caller("admin", ConsoleIdentityStore.ROLE);

    Outcome outcome = cut.perform(Operation.RESTART, "default", 1);

    assertEquals(new Outcome(Outcome.Result.DONE, "Restarted worker 1"), outcome);
    assertEquals(List.of("worker default/1"), restarted);
    assertEquals(List.of("user=admin action=restart worker=1 result=ok"), audit);
  }

  @Test
  @DisplayName("R6.1 R7 a viewer's operation is refused on the server and audited")
  void refusesViewer() {
    cut.securityContext = caller("viewer", ConsoleIdentityStore.VIEWER_ROLE);

    Outcome outcome = cut.perform(Operation.RESTART, "default", 1);

    assertEquals(Outcome.Result.NOT_ALLOWED, outcome.result());
    assertTrue(restarted.isEmpty(), "the supervisor was not asked");
    assertFalse(cut.mayAct());
    assertEquals(List.of("user=viewer action=restart worker=1 result=error: not allowed"), audit);
  }

  @Test
  @DisplayName("R6 R7 a failed operation shows the supervisor's reason and is audited as error")
  void reportsFailure() {
    cut.securityContext = caller("admin", ConsoleIdentityStore.ROLE);

    Outcome outcome = cut.perform(Operation.RESTART, "default", 9);

    assertEquals(
        new Outcome(Outcome.Result.NO_SUCH_WORKER, "restart worker 9 refused: no worker 9"),
        outcome);
    assertEquals(
        List.of(
            "user=admin action=restart worker=9 result=error: restart worker 9 refused: no worker 9"),
        audit);
  }

  @Test
  @DisplayName("R16 an API caller's operation is done without a console role and audited as such")
  void performsForApiClient() {
    cut.securityContext = caller("nobody", "no-role");

    Outcome outcome = cut.performForApiClient(Operation.RESTART, "default", 2);

    assertEquals(new Outcome(Outcome.Result.DONE, "Restarted worker 2"), outcome);
    assertEquals(List.of("worker default/2"), restarted);
    assertEquals(List.of("user=api-token action=restart worker=2 result=ok"), audit);
  }

  @Test
  @DisplayName("R6 R7 an operation on another app's worker names it app/id, done and audited")
  void performsOnAnotherAppsWorker() {
    cut.securityContext = caller("admin", ConsoleIdentityStore.ROLE);

    Outcome outcome = cut.perform(Operation.RESTART, "api", 0);

    assertEquals(new Outcome(Outcome.Result.DONE, "Restarted worker api/0"), outcome);
    assertEquals(List.of("worker api/0"), restarted);
    assertEquals(List.of("user=admin action=restart worker=api/0 result=ok"), audit);
  }

  @Test
  @DisplayName("R16 an unknown app is no such worker, audited with the name asked for")
  void refusesUnknownApp() {
    Outcome outcome = cut.performForApiClient(Operation.RESTART, "nope", 0);

    assertEquals(new Outcome(Outcome.Result.NO_SUCH_WORKER, "no app named nope"), outcome);
    assertEquals(
        List.of("user=api-token action=restart worker=nope/0 result=error: no app named nope"),
        audit);
  }

  @Test
  @DisplayName("R16 a failure says of which kind it is, for the API's status")
  void tellsTheKindOfFailure() {
    assertEquals(
        Outcome.Result.REFUSED, cut.performForApiClient(Operation.START, "default", 1).result());
    assertEquals(
        Outcome.Result.INVALID_ARGUMENT,
        cut.performForApiClient(Operation.SCALE, "default", 999).result());
    Outcome failed = cut.performForApiClient(Operation.ROLLING_RESTART, "default", 0);
    assertEquals(new Outcome(Outcome.Result.FAILED, "replacement did not become ready"), failed);
    assertEquals(
        "user=api-token action=rolling-restart worker=all result=error: replacement did not become"
            + " ready",
        audit.get(2));
  }

  static SecurityContext caller(String name, String role) {
    return new SecurityContext() {
      @Override
      public Principal getCallerPrincipal() {
        return () -> name;
      }

      @Override
      public <T extends Principal> Set<T> getPrincipalsByType(Class<T> type) {
        return Set.of();
      }

      @Override
      public boolean isCallerInRole(String r) {
        return role.equals(r);
      }

      @Override
      public boolean hasAccessToWebResource(String resource, String... methods) {
        return true;
      }

      @Override
      public AuthenticationStatus authenticate(
          HttpServletRequest request,
          HttpServletResponse response,
          AuthenticationParameters parameters) {
        throw new UnsupportedOperationException();
      }
    };
  }
}
