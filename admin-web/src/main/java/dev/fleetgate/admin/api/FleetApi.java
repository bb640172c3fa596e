package dev.fleetgate.admin.api;

import dev.fleetgate.admin.Operation;
import dev.fleetgate.admin.Outcome;
import dev.fleetgate.admin.WorkerOperations;
import dev.fleetgate.supervisor.boundary.Supervisor;
import dev.fleetgate.supervisor.entity.LogEntry;
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
import java.util.OptionalInt;

/**
 * The API's URLs, under {@code /admin/api} (R2–R4); {@link ApiAccess} lets only callers with the
 * token in. Operations go through {@link WorkerOperations}, the code the console's buttons use, and
 * answer once done, as the console does.
 *
 * <pre>
 * GET  status                           the fleet ({@link StatusJson})
 * POST workers/{id}/restart|stop|start|drain
 * POST scale                            {"count": 3}
 * POST rolling-restart
 * POST reload                           the configuration read again (nginx -s reload)
 * GET  logs?lines=N[&amp;follow=true]       every worker's output ({@link LogJson})
 * GET  workers/{id}/logs?lines=N[&amp;follow=true]
 * </pre>
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
    return JsonAnswer.document(StatusJson.of(supervisor.snapshot(), supervisor.traffic()));
  }

  @POST
  @Path("workers/{id}/{operation}")
  @Produces(MediaType.APPLICATION_JSON)
  public Response onWorker(@PathParam("id") String id, @PathParam("operation") String name) {
    Operation operation =
        Operation.onOneWorker(name)
            .orElseThrow(
                () ->
                    new ApiRefusal(
                        404, "no operation '" + name + "': restart, stop, start or drain"));
    return answer(operations.performForApiClient(operation, Parameters.workerId(id)));
  }

  @POST
  @Path("scale")
  @Produces(MediaType.APPLICATION_JSON)
  public Response scale(String body) {
    return answer(operations.performForApiClient(Operation.SCALE, Parameters.scaleCount(body)));
  }

  @POST
  @Path("rolling-restart")
  @Produces(MediaType.APPLICATION_JSON)
  public Response rollingRestart() {
    return answer(operations.performForApiClient(Operation.ROLLING_RESTART, 0));
  }

  @POST
  @Path("reload")
  @Produces(MediaType.APPLICATION_JSON)
  public Response reload() {
    return answer(operations.performForApiClient(Operation.RELOAD, 0));
  }

  /** Every worker's output: the JSON lines, or with {@code follow=true} a stream of them. */
  @Path("logs")
  public Object logs(@QueryParam("lines") String lines, @QueryParam("follow") String follow) {
    int count = Parameters.lines(lines);
    boolean streaming = Parameters.follow(follow);
    LogCursor cursor = new LogCursor();
    List<LogEntry> first = cursor.first(LogFollowers.workerIds(supervisor), this::read, count);
    return streaming
        ? new LogStream(followers, cursor, OptionalInt.empty(), first)
        : new LogLines(first);
  }

  /** One worker's output: the JSON lines, or with {@code follow=true} a stream of them. */
  @Path("workers/{id}/logs")
  public Object workerLogs(
      @PathParam("id") String id,
      @QueryParam("lines") String lines,
      @QueryParam("follow") String follow) {
    int workerId = Parameters.workerId(id);
    int count = Parameters.lines(lines);
    boolean streaming = Parameters.follow(follow);
    if (!LogFollowers.workerIds(supervisor).contains(workerId)) {
      throw new ApiRefusal(404, "no worker " + workerId);
    }
    LogCursor cursor = new LogCursor();
    List<LogEntry> first;
    try {
      first = cursor.first(workerId, this::read, count);
    } catch (NoSuchElementException e) {
      throw new ApiRefusal(404, "no worker " + workerId); // gone since the question above
    }
    return streaming
        ? new LogStream(followers, cursor, OptionalInt.of(workerId), first)
        : new LogLines(first);
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

  private static Response answer(Outcome outcome) {
    return JsonAnswer.message(statusOf(outcome.result()), outcome.message());
  }

  private List<LogEntry> read(int workerId, long number) {
    return LogFollowers.read(supervisor, workerId, number);
  }

  /** The lines read, as one JSON document. */
  public static final class LogLines {
    private final List<LogEntry> lines;

    LogLines(List<LogEntry> lines) {
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
    private final OptionalInt workerId;
    private final List<LogEntry> first;

    LogStream(
        LogFollowers followers, LogCursor cursor, OptionalInt workerId, List<LogEntry> first) {
      this.followers = followers;
      this.cursor = cursor;
      this.workerId = workerId;
      this.first = first;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void get(@Context SseEventSink sink, @Context Sse sse) {
      followers.follow(cursor, workerId, first, sink, sse);
    }
  }
}
