package dev.fleetgate.admin.api;

import dev.fleetgate.admin.Operation;
import dev.fleetgate.admin.WorkerOperations;
import dev.fleetgate.supervisor.boundary.OperationFailedException;
import dev.fleetgate.supervisor.cluster.Cluster;
import dev.fleetgate.supervisor.entity.WorkerName;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The URLs of {@link FleetApi} that act on workers or read their output, on one node of the
 * cluster: {@code nodes/{node}/} before them (R8). For this node they are exactly {@link
 * FleetApi}'s; for another node, operations go to it through {@link WorkerOperations} (audited on
 * both nodes) and logs are fetched from it, the last lines only: {@code follow=true} is a 400
 * there. An unknown node is a 404, a lost one a 409.
 *
 * <pre>
 * POST nodes/{node}/[apps/{app}/]workers/{id}/restart|stop|start|drain
 * POST nodes/{node}/[apps/{app}/]scale              {"count": 3}
 * POST nodes/{node}/[apps/{app}/]rolling-restart
 * GET  nodes/{node}/[apps/{app}/]logs?lines=N
 * GET  nodes/{node}/[apps/{app}/]workers/{id}/logs?lines=N
 * </pre>
 *
 * Without {@code apps/{app}/}, the node's default app ({@code default}, or its first app).
 */
@Path("nodes/{node}")
@RequestScoped
public class NodeApi {

  @EJB Cluster cluster;
  @Inject WorkerOperations operations;
  @Inject FleetApi here;

  @POST
  @Path("workers/{id}/{operation}")
  @Produces(MediaType.APPLICATION_JSON)
  public Response onWorker(
      @PathParam("node") String node,
      @PathParam("id") String id,
      @PathParam("operation") String name) {
    NodeTarget target = target(node);
    return target.local()
        ? here.onWorker(id, name)
        : onWorker(target, target.defaultApp(), id, name);
  }

  @POST
  @Path("apps/{app}/workers/{id}/{operation}")
  @Produces(MediaType.APPLICATION_JSON)
  public Response onAppWorker(
      @PathParam("node") String node,
      @PathParam("app") String app,
      @PathParam("id") String id,
      @PathParam("operation") String name) {
    NodeTarget target = target(node);
    return target.local()
        ? here.onAppWorker(app, id, name)
        : onWorker(target, Parameters.app(app), id, name);
  }

  private Response onWorker(NodeTarget target, String app, String id, String name) {
    return here.onWorker(target.name(), app, id, name);
  }

  @POST
  @Path("scale")
  @Produces(MediaType.APPLICATION_JSON)
  public Response scale(@PathParam("node") String node, String body) {
    NodeTarget target = target(node);
    return target.local() ? here.scale(body) : scale(target, target.defaultApp(), body);
  }

  @POST
  @Path("apps/{app}/scale")
  @Produces(MediaType.APPLICATION_JSON)
  public Response scaleApp(
      @PathParam("node") String node, @PathParam("app") String app, String body) {
    NodeTarget target = target(node);
    return target.local() ? here.scaleApp(app, body) : scale(target, Parameters.app(app), body);
  }

  private Response scale(NodeTarget target, String app, String body) {
    return here.scale(target.name(), app, body);
  }

  @POST
  @Path("rolling-restart")
  @Produces(MediaType.APPLICATION_JSON)
  public Response rollingRestart(@PathParam("node") String node) {
    NodeTarget target = target(node);
    return target.local() ? here.rollingRestart() : rollingRestart(target, target.defaultApp());
  }

  @POST
  @Path("apps/{app}/rolling-restart")
  @Produces(MediaType.APPLICATION_JSON)
  public Response rollingRestartApp(@PathParam("node") String node, @PathParam("app") String app) {
    NodeTarget target = target(node);
    return target.local()
        ? here.rollingRestartApp(app)
        : rollingRestart(target, Parameters.app(app));
  }

  private Response rollingRestart(NodeTarget target, String app) {
    return FleetApi.answer(
        operations.performForApiClient(Operation.ROLLING_RESTART, target.name(), app, 0));
  }

  /** The node's workers' output: its last lines (this node's: also {@code follow=true}). */
  @Path("logs")
  public Object logs(
      @PathParam("node") String node,
      @QueryParam("lines") String lines,
      @QueryParam("follow") String follow) {
    NodeTarget target = target(node);
    return target.local() ? here.logs(lines, follow) : severalWorkers(target, null, lines, follow);
  }

  /** One app's workers' output on the node. */
  @Path("apps/{app}/logs")
  public Object appLogs(
      @PathParam("node") String node,
      @PathParam("app") String app,
      @QueryParam("lines") String lines,
      @QueryParam("follow") String follow) {
    NodeTarget target = target(node);
    return target.local()
        ? here.appLogs(app, lines, follow)
        : severalWorkers(target, Parameters.app(app), lines, follow);
  }

  /** One worker's output, of the node's default app. */
  @Path("workers/{id}/logs")
  public Object workerLogs(
      @PathParam("node") String node,
      @PathParam("id") String id,
      @QueryParam("lines") String lines,
      @QueryParam("follow") String follow) {
    NodeTarget target = target(node);
    return target.local()
        ? here.workerLogs(id, lines, follow)
        : oneWorker(target, target.defaultApp(), id, lines, follow);
  }

  /** One worker's output, named by app and id. */
  @Path("apps/{app}/workers/{id}/logs")
  public Object appWorkerLogs(
      @PathParam("node") String node,
      @PathParam("app") String app,
      @PathParam("id") String id,
      @QueryParam("lines") String lines,
      @QueryParam("follow") String follow) {
    NodeTarget target = target(node);
    return target.local()
        ? here.appWorkerLogs(app, id, lines, follow)
        : oneWorker(target, Parameters.app(app), id, lines, follow);
  }

  private Object severalWorkers(NodeTarget target, String app, String lines, String follow) {
    List<WorkerName> workers = target.workers(app);
    int count = remoteLines(target, lines, follow);
    return new FleetApi.LogLines(new LogCursor().first(workers, reader(target), count));
  }

  private Object oneWorker(NodeTarget target, String app, String id, String lines, String follow) {
    WorkerName worker = new WorkerName(app, Parameters.workerId(id));
    int count = remoteLines(target, lines, follow);
    // Asked of its report first: the node's own answer about a worker it lacks may be slow.
    if (!target.workers(app).contains(worker)) {
      throw new ApiRefusal(404, "no worker " + worker + " on node " + target.name());
    }
    try {
      return new FleetApi.LogLines(new LogCursor().first(worker, reader(target), count));
    } catch (NoSuchElementException e) {
      throw new ApiRefusal(404, "no worker " + worker + " on node " + target.name());
    }
  }

  /** {@code lines}, checked, for another node, which answers no {@code follow=true}. */
  private static int remoteLines(NodeTarget target, String lines, String follow) {
    int count = Parameters.lines(lines);
    if (Parameters.follow(follow)) {
      throw target.followRefused();
    }
    return count;
  }

  /** Reads another node's worker's lines from it; a worker it does not have is gone. */
  private LogCursor.Reader reader(NodeTarget target) {
    return (WorkerName worker, long number) -> {
      try {
        return cluster.logAfter(target.name(), worker.app(), worker.id(), number);
      } catch (OperationFailedException e) {
        if (e.kind() == OperationFailedException.Kind.NO_SUCH_WORKER) {
          throw new NoSuchElementException(e.getMessage());
        }
        throw e;
      }
    };
  }

  private NodeTarget target(String node) {
    return NodeTarget.of(node, cluster.localNode(), cluster.enabled(), cluster.node(node));
  }
}
