package dev.fleetgate.admin.api;

import jakarta.ws.rs.core.Application;
import java.util.Map;
import java.util.Set;

/**
 * The API as a Jakarta REST application (R6). No {@code @ApplicationPath}: it is mapped in web.xml
 * by this class's name, at {@code /admin/api/*} in the merged WAR and {@code /api/*} in the
 * console's WAR (context root {@code /admin}), like the metrics servlet — the same URLs in both
 * shapes, and no annotation that could take a path away from the proxy. Its classes are listed, not
 * scanned: nothing else in the WAR becomes part of the API.
 */
public class ApiApplication extends Application {

  @Override
  public Set<Class<?>> getClasses() {
    return Set.of(FleetApi.class, ClusterApi.class, NodeApi.class, ApiErrors.class);
  }

  /** No generated description of the API ({@code application.wadl}): the README is the one. */
  @Override
  public Map<String, Object> getProperties() {
    return Map.of("jersey.config.server.wadl.disableWadl", true);
  }
}
