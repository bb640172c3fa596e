package dev.fleetgate.admin;

import dev.fleetgate.supervisor.boundary.Supervisor;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import java.time.ZoneId;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Backs {@code index.xhtml}, the overview of the fleet (R1). One snapshot per request: the first
 * render and every 2-second poll (R2) ask the supervisor once.
 */
@Named
@RequestScoped
public class IndexPage {

  private static final Logger LOG = Logger.getLogger(IndexPage.class.getName());

  @EJB Supervisor supervisor;

  private FleetView fleet;

  /** The fleet as of this request. */
  public FleetView getFleet() {
    if (fleet == null) {
      fleet = load();
    }
    return fleet;
  }

  private FleetView load() {
    try {
      return FleetView.of(supervisor.snapshot(), ZoneId.systemDefault());
    } catch (RuntimeException e) {
      // FINE: an open console polls every 2 s; the supervisor logs its own failures.
      LOG.log(Level.FINE, "Supervisor snapshot failed", e);
      return FleetView.unavailable(describe(e));
    }
  }

  private static String describe(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String message = cause.getMessage();
    return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
