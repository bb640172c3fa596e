package dev.fleetgate.admin.api;

import dev.fleetgate.admin.AppFleet;
import dev.fleetgate.admin.Operation;
import dev.fleetgate.admin.Outcome;
import dev.fleetgate.admin.WorkerOperations;
import dev.fleetgate.supervisor.boundary.Supervisor;
import dev.fleetgate.supervisor.entity.LogEntry;
import dev.fleetgate.supervisor.entity.WorkerName;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The API's URLs, under {@code /admin/api} (R2–R4, R7); {@link ApiAccess} lets only callers with
 * the token in. Operations go through {@link WorkerOperations}, the code the console's buttons use,
 * and answer once done, as the console does. The URLs without {@code apps/{app}/} act on the
 * default app ({@code default}, or the only app there is); an unknown app is a 404.
 *
 * <pre>
 * GET  status                           every app and worker ({@link StatusJson})
 * POST workers/{id}/restart|stop|start|drain
 * POST scale                            {"count": 3}
 * POST rolling-restart
 * POST reload                           the configuration read again (nginx -s reload)
 * GET  logs?lines=N[&amp;follow=true]       every worker's output ({@link LogJson})
 * GET  workers/{id}/logs?lines=N[&amp;follow=true]
 *
 * GET  apps/{app}/status                one app and its workers
 * POST apps/{app}/workers/{id}/restart|stop|start|drain
 * POST apps/{app}/scale                 {"count": 3}
 * POST apps/{app}/rolling-restart
 * GET  apps/{app}/logs?lines=N[&amp;follow=true]
 * GET  apps/{app}/workers/{id}/logs?lines=N[&amp;follow=true]
 * </pre>
 *
 * The cluster's URLs ({@code cluster}, {@code nodes/{node}/…}) are {@link ClusterApi}'s and {@link
 * NodeApi}'s.
 */
@Path("")
@RequestScoped
public class FleetApi {

  @EJB Supervisor supervisor;
  @Inject WorkerOperations operations;
  @Inject LogFollowers followers;

  @GET
  @Path("status")
  @Produces(MediaType.APPLICATION_JSON)
  public Response status() {
    return JsonAnswer.document(StatusJson.of(AppFleet.read(supervisor), supervisor.traffic()));
  }

  @GET
  @Path("apps/{app}/status")
  @Produces(MediaType.APPLICATION_JSON)
  public Response appStatus(@PathParam("app") String app) {
    String name = knownApp(app);
    AppFleet one = new AppFleet(name, supervisor.snapshot(name), supervisor.minReady(name));
    return JsonAnswer.document(StatusJson.of(List.of(one), supervisor.traffic()));
  }

  @POST
  @Path("workers/{id}/{operation}")
  @Produces(MediaType.APPLICATION_JSON)
  public Response onWorker(@PathParam("id") String id, @PathParam("operation") String name) {
    return onWorker(supervisor.defaultApp(), id, name);
  }

  @POST
  @Path("apps/{app}/workers/{id}/{operation}")
  @Produces(MediaType.APPLICATION_JSON)
  public Response onAppWorker(
      @PathParam("app") String app,
      @PathParam("id") String id,
      @PathParam("operation") String name) {
    return onWorker(Parameters.app(app), id, name);
  }

  private Response onWorker(String app, String id, String name) {
    return onWorker(null, app, id, name);
  }

  /** An operation on worker {@code id} of {@code app} on {@code node} (null: this node). */
  Response onWorker(String node, String app, String id, String name) {
    Operation operation =
        Operation.onOneWorker(name)
            .orElseThrow(
                () ->
                    new ApiRefusal(
                        404, "no operation '" + name + "': restart, stop, start or drain"));
    return answer(operations.performForApiClient(operation, node, app, Parameters.workerId(id)));
  }

  @POST
  @Path("scale")
  @Produces(MediaType.APPLICATION_JSON)
  public Response scale(String body) {
    return scale(supervisor.defaultApp(), body);
  }

  @POST
  @Path("apps/{app}/scale")
  @Produces(MediaType.APPLICATION_JSON)
  public Response scaleApp(@PathParam("app") String app, String body) {
    return scale(Parameters.app(app), body);
  }

  private Response scale(String app, String body) {
    return scale(null, app, body);
  }

  /** Scales {@code app} on {@code node} (null: this node) to the body's count. */
  Response scale(String node, String app, String body) {
    return answer(
        operations.performForApiClient(Operation.SCALE, node, app, Parameters.scaleCount(body)));
  }

  @POST
  @Path("rolling-restart")
  @Produces(MediaType.APPLICATION_JSON)
  public Response rollingRestart() {
    return answer(
        operations.performForApiClient(Operation.ROLLING_RESTART, supervisor.defaultApp(), 0));
  }

  @POST
  @Path("apps/{app}/rolling-restart")
  @Produces(MediaType.APPLICATION_JSON)
  public Response rollingRestartApp(@PathParam("app") String app) {
    return answer(
        operations.performForApiClient(Operation.ROLLING_RESTART, Parameters.app(app), 0));
  }

  @POST
  @Path("reload")
  @Produces(MediaType.APPLICATION_JSON)
  public Response reload() {
    return answer(operations.performForApiClient(Operation.RELOAD, WorkerName.DEFAULT_APP, 0));
  }

  /** Every worker's output: the JSON lines, or with {@code follow=true} a stream of them. */
  @Path("logs")
  public Object logs(@QueryParam("lines") String lines, @QueryParam("follow") String follow) {
    return severalWorkers(LogScope.everyWorker(), lines, follow);
  }

  /** One app's workers' output: the JSON lines, or with {@code follow=true} a stream of them. */
  @Path("apps/{app}/logs")
  public Object appLogs(
      @PathParam("app") String app,
      @QueryParam("lines") String lines,
      @QueryParam("follow") String follow) {
    return severalWorkers(LogScope.app(knownApp(app)), lines, follow);
  }

  /** One worker's output: the JSON lines, or with {@code follow=true} a stream of them. */
  @Path("workers/{id}/logs")
  public Object workerLogs(
      @PathParam("id") String id,
      @QueryParam("lines") String lines,
      @QueryParam("follow") String follow) {
    return oneWorker(supervisor.defaultApp(), id, lines, follow);
  }

  /** One worker's output, named by app and id. */
  @Path("apps/{app}/workers/{id}/logs")
  public Object appWorkerLogs(
      @PathParam("app") String app,
      @PathParam("id") String id,
      @QueryParam("lines") String lines,
      @QueryParam("follow") String follow) {
    return oneWorker(knownApp(app), id, lines, follow);
  }

  /**
   * The app of a URL that reads: asked of the supervisor first, whose answer to an unknown app is
   * an EJB system exception, logged. (Operations go to the supervisor, which refuses an unknown app
   * as it refuses an unknown worker, and the refusal is audited.)
   */
  private String knownApp(String text) {
    String name = Parameters.app(text);
    if (!supervisor.apps().contains(name)) {
      throw new ApiRefusal(404, "no app named '" + name + "'");
    }
    return name;
  }

  private Object severalWorkers(LogScope scope, String lines, String follow) {
    int count = Parameters.lines(lines);
    boolean streaming = Parameters.follow(follow);
    LogCursor cursor = new LogCursor();
    List<LogCursor.Line> first = cursor.first(scope.workers(supervisor), this::read, count);
    return streaming ? new LogStream(followers, cursor, scope, first) : new LogLines(first);
  }

  private Object oneWorker(String app, String id, String lines, String follow) {
    WorkerName worker = new WorkerName(app, Parameters.workerId(id));
    int count = Parameters.lines(lines);
    boolean streaming = Parameters.follow(follow);
    LogScope scope = LogScope.worker(worker);
    if (scope.workers(supervisor).isEmpty()) {
      throw new ApiRefusal(404, "no worker " + worker);
    }
    LogCursor cursor = new LogCursor();
    List<LogCursor.Line> first;
    try {
      first = cursor.first(worker, this::read, count);
    } catch (NoSuchElementException e) {
      throw new ApiRefusal(404, "no worker " + worker); // gone since the question above
    }
    return streaming ? new LogStream(followers, cursor, scope, first) : new LogLines(first);
  }

  /** The status of an operation's answer: its {@link Outcome.Result} as HTTP says it. */
  static int statusOf(Outcome.Result result) {
    return switch (result) {
      case DONE -> 200;
      case NOT_ALLOWED -> 403;
      case NO_SUCH_WORKER -> 404;
      case INVALID_ARGUMENT -> 400;
      case REFUSED -> 409;
      case FAILED -> 500;
    };
  }

  /** An operation's answer: {@code {"ok": …, "message": …}} with {@link #statusOf}. */
  static Response answer(Outcome outcome) {
    return JsonAnswer.message(statusOf(outcome.result()), outcome.message());
  }

  private List<LogEntry> read(WorkerName worker, long number) {
    return LogFollowers.read(supervisor, worker, number);
  }

  /** The lines read, as one JSON document. */
  public static final class LogLines {
    private final List<LogCursor.Line> lines;

    LogLines(List<LogCursor.Line> lines) {
      this.lines = lines;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response get() {
      return JsonAnswer.document(LogJson.lines(lines));
    }
  }

  /** The lines read, then every new one, as server-sent events ({@link LogFollowers}). */
  public static final class LogStream {
    private final LogFollowers followers;
    private final LogCursor cursor;
    private final LogScope scope;
    private final List<LogCursor.Line> first;

    LogStream(
        LogFollowers followers, LogCursor cursor, LogScope scope, List<LogCursor.Line> first) {
      this.followers = followers;
      this.cursor = cursor;
      this.scope = scope;
      this.first = first;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void get(@Context SseEventSink sink, @Context Sse sse) {
      followers.follow(cursor, scope, first, sink, sse);
    }
  }
}
