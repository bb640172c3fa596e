package dev.fleetgate.admin;

import dev.fleetgate.supervisor.boundary.Supervisor;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.ZoneId;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Backs {@code index.xhtml}, the overview of the fleet (R1) and the operations on it (R6). One
 * snapshot per request: the first render and every 2-second poll (R2) ask the supervisor once.
 */
@Named
@RequestScoped
public class IndexPage {

  private static final Logger LOG = Logger.getLogger(IndexPage.class.getName());

  @EJB Supervisor supervisor;
  @Inject WorkerOperations operations;
  @Inject FacesContext facesContext;

  private FleetView fleet;
  private Integer scaleTo;

  /** The fleet as of this request. */
  public FleetView getFleet() {
    if (fleet == null) {
      fleet = load();
    }
    return fleet;
  }

  /** Whether the caller may act; a viewer sees no buttons (and is refused anyway, R6.1). */
  public boolean isMayAct() {
    return operations.mayAct();
  }

  public void start(int workerId) {
    perform(Operation.START, workerId);
  }

  public void stop(int workerId) {
    perform(Operation.STOP, workerId);
  }

  public void restart(int workerId) {
    perform(Operation.RESTART, workerId);
  }

  public void drain(int workerId) {
    perform(Operation.DRAIN, workerId);
  }

  /** Scales to {@link #getScaleTo()} workers. */
  public void scale() {
    if (scaleTo == null) {
      show(Outcome.failure("Enter the number of workers."));
      return;
    }
    perform(Operation.SCALE, scaleTo);
  }

  public void rollingRestart() {
    perform(Operation.ROLLING_RESTART, 0);
  }

  private void perform(Operation operation, int argument) {
    show(operations.perform(operation, argument));
    fleet = null; // the table after the operation, not before
  }

  private void show(Outcome outcome) {
    facesContext.addMessage(
        null,
        new FacesMessage(
            outcome.ok() ? FacesMessage.SEVERITY_INFO : FacesMessage.SEVERITY_ERROR,
            outcome.message(),
            null));
  }

  private FleetView load() {
    try {
      return FleetView.of(
          supervisor.snapshot(),
          supervisor.traffic(),
          supervisor.minReady(),
          ZoneId.systemDefault());
    } catch (RuntimeException e) {
      // FINE: an open console polls every 2 s; the supervisor logs its own failures.
      LOG.log(Level.FINE, "Supervisor snapshot failed", e);
      return FleetView.unavailable(describe(e));
    }
  }

  static String describe(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String message = cause.getMessage();
    return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  /** The count the operator typed for scaling; the current count until then. */
  public Integer getScaleTo() {
    if (scaleTo == null) {
      FleetView view = getFleet();
      return view.isAvailable() ? view.getDesired() : null;
    }
    return scaleTo;
  }

  public void setScaleTo(Integer scaleTo) {
    this.scaleTo = scaleTo;
  }
}
