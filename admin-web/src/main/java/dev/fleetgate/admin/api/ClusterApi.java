package dev.fleetgate.admin.api;

import dev.fleetgate.admin.WorkerOperations;
import dev.fleetgate.supervisor.cluster.Cluster;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;

/**
 * The cluster as a whole, under {@code /admin/api/cluster} (R8); {@link NodeApi} acts on one node.
 *
 * <pre>
 * GET  cluster                            every node and its workers ({@link ClusterJson})
 * POST cluster/rolling-restart            every app on every live node, one node after the other
 * POST cluster/apps/{app}/rolling-restart one app on every live node that runs it
 * </pre>
 */
@Path("cluster")
@RequestScoped
public class ClusterApi {

  @EJB Cluster cluster;
  @Inject WorkerOperations operations;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response nodes() {
    return JsonAnswer.document(
        ClusterJson.of(
            cluster.enabled(),
            cluster.localNode(),
            cluster.gridMembers(),
            cluster.nodes(),
            Instant.now()));
  }

  /** Answers once the last node runs every worker READY again: this can take minutes. */
  @POST
  @Path("rolling-restart")
  @Produces(MediaType.APPLICATION_JSON)
  public Response rollingRestart() {
    return FleetApi.answer(operations.clusterRollingRestart(null, true));
  }

  @POST
  @Path("apps/{app}/rolling-restart")
  @Produces(MediaType.APPLICATION_JSON)
  public Response rollingRestartApp(@PathParam("app") String app) {
    return FleetApi.answer(operations.clusterRollingRestart(Parameters.app(app), true));
  }
}
