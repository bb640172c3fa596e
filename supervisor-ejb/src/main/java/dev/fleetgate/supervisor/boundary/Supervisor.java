package dev.fleetgate.supervisor.boundary;

import dev.fleetgate.supervisor.entity.FleetSnapshot;
import dev.fleetgate.supervisor.entity.LogLine;
import dev.fleetgate.supervisor.routing.RoutingTable;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.util.List;

/** Skeleton: replaced by the real supervisor. */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Supervisor {
  private final RoutingTable routingTable = new RoutingTable();

  public FleetSnapshot snapshot() {
    throw new UnsupportedOperationException();
  }

  public List<LogLine> recentLog(int workerId) {
    throw new UnsupportedOperationException();
  }

  public RoutingTable routingTable() {
    return routingTable;
  }

  public void start(int workerId) {}

  public void stop(int workerId) {}

  public void restart(int workerId) {}

  public void drain(int workerId) {}

  public void scale(int count) {}

  public void rollingRestart() {}
}
