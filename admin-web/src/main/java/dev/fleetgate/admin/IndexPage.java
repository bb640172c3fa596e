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
 * Backs {@code index.xhtml}, the overview of the fleet (R1), grouped by app (R1.7), and the
 * operations on it (R6). One snapshot per app per request: the first render and every 2-second poll
 * (R2) ask the supervisor once.
 */
@Named
@RequestScoped
public class IndexPage {

  private static final Logger LOG = Logger.getLogger(IndexPage.class.getName());

  @EJB Supervisor supervisor;
  @Inject WorkerOperations operations;
  @Inject FacesContext facesContext;

  private FleetView fleet;
  private String app;
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

  public void start(String app, int workerId) {
    perform(Operation.START, app, workerId);
  }

  public void stop(String app, int workerId) {
    perform(Operation.STOP, app, workerId);
  }

  public void restart(String app, int workerId) {
    perform(Operation.RESTART, app, workerId);
  }

  public void drain(String app, int workerId) {
    perform(Operation.DRAIN, app, workerId);
  }

  /** Scales the chosen app ({@link #getApp()}) to {@link #getScaleTo()} workers. */
  public void scale() {
    if (scaleTo == null) {
      show(Outcome.failure("Enter the number of workers."));
      return;
    }
    perform(Operation.SCALE, getApp(), scaleTo);
  }

  /** Restarts every worker of the chosen app ({@link #getApp()}), one after the other. */
  public void rollingRestart() {
    perform(Operation.ROLLING_RESTART, getApp(), 0);
  }

  private void perform(Operation operation, String app, int argument) {
    if (app == null) {
      show(Outcome.failure("The supervisor is not available."));
      return;
    }
    show(operations.perform(operation, app, argument));
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
      return FleetView.of(AppFleet.read(supervisor), supervisor.traffic(), ZoneId.systemDefault());
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

  /**
   * The app that scaling and the rolling restart act on: the one the operator chose (its control is
   * shown with several apps only), else the first app; null while the supervisor is away.
   */
  public String getApp() {
    if (app == null || app.isEmpty()) {
      AppGroup first = getFleet().getFirstGroup();
      return first == null ? null : first.getName();
    }
    return app;
  }

  public void setApp(String app) {
    this.app = app;
  }

  /** The count the operator typed for scaling; the chosen app's current count until then. */
  public Integer getScaleTo() {
    if (scaleTo == null) {
      String chosen = getApp();
      return chosen == null
          ? null
          : getFleet().group(chosen).map(AppGroup::getDesired).orElse(null);
    }
    return scaleTo;
  }

  public void setScaleTo(Integer scaleTo) {
    this.scaleTo = scaleTo;
  }
}
