package dev.fleetgate.proxy.tls;

import dev.fleetgate.frontdoor.tls.ServerTls;
import dev.fleetgate.frontdoor.tls.TlsFileException;
import dev.fleetgate.frontdoor.tls.TlsSettings;
import dev.fleetgate.supervisor.config.ConfigValues;
import dev.fleetgate.supervisor.config.InvalidConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * {@code fleetgate.tls.*} read and checked whole (T1, T2): the listener's port, the certificate
 * files, the versions and ciphers. The files are loaded here too, so a start (and {@code fleetgate
 * check}) refuses a missing file, a key that does not match its certificate or a wrong keystore
 * password, naming the key and the file. Touches no container type: the check runs on a plain JDK.
 *
 * @param port the TLS listener's port; 0 when there is none
 * @param redirectHttp whether plain HTTP answers with a redirect to HTTPS
 * @param settings the certificate and its offer; empty when there is no TLS listener
 */
public record TlsConfig(int port, boolean redirectHttp, Optional<TlsSettings> settings) {
  public static final String PORT = "fleetgate.tls.port";
  public static final String REDIRECT_HTTP = "fleetgate.tls.redirect-http";
  public static final String PROTOCOLS = "fleetgate.tls.protocols";
  public static final String CIPHERS = "fleetgate.tls.ciphers";
  public static final String HTTP2 = "fleetgate.tls.http2";
  public static final String WATCH_INTERVAL = "fleetgate.tls.watch-interval";

  private static final List<String> FILE_KEYS =
      List.of(
          TlsSettings.CERTIFICATE_KEY,
          TlsSettings.KEY_KEY,
          TlsSettings.KEYSTORE_KEY,
          TlsSettings.KEYSTORE_PASSWORD_KEY);

  public boolean enabled() {
    return port > 0;
  }

  /** The settings, checked; the certificate files are loaded once to prove they serve. */
  public static TlsConfig read(ConfigValues values) {
    int port = values.integer(PORT, 0, 65535);
    boolean redirect = values.bool(REDIRECT_HTTP);
    if (port == 0) {
      for (String key : FILE_KEYS) {
        values
            .optional(key)
            .filter(v -> !key.equals(TlsSettings.KEYSTORE_PASSWORD_KEY))
            .ifPresent(
                v -> {
                  throw new InvalidConfigurationException(
                      key, v, "is set but " + PORT + " is 0 (no TLS listener): set the port too");
                });
      }
      if (redirect) {
        throw new InvalidConfigurationException(
            REDIRECT_HTTP, "true", "needs a TLS listener: set " + PORT);
      }
      return new TlsConfig(0, false, Optional.empty());
    }
    TlsSettings settings =
        new TlsSettings(
            file(values, TlsSettings.CERTIFICATE_KEY),
            file(values, TlsSettings.KEY_KEY),
            file(values, TlsSettings.KEYSTORE_KEY),
            values.raw(TlsSettings.KEYSTORE_PASSWORD_KEY).orElse(""),
            protocols(values),
            ciphers(values),
            values.bool(HTTP2),
            watchInterval(values));
    boolean pem = settings.certificate().isPresent() || settings.key().isPresent();
    if (pem && settings.keystore().isPresent()) {
      throw new InvalidConfigurationException(
          TlsSettings.KEYSTORE_KEY,
          settings.keystore().get().toString(),
          "set either the PEM files ("
              + TlsSettings.CERTIFICATE_KEY
              + ", "
              + TlsSettings.KEY_KEY
              + ") or a PKCS#12 keystore, not both");
    }
    if (!pem && settings.keystore().isEmpty()) {
      throw new InvalidConfigurationException(
          TlsSettings.CERTIFICATE_KEY,
          null,
          PORT
              + " is "
              + port
              + ": a certificate is required ("
              + TlsSettings.CERTIFICATE_KEY
              + " and "
              + TlsSettings.KEY_KEY
              + ", or "
              + TlsSettings.KEYSTORE_KEY
              + ")");
    }
    if (pem) {
      for (String key : List.of(TlsSettings.CERTIFICATE_KEY, TlsSettings.KEY_KEY)) {
        if (values.optional(key).isEmpty()) {
          throw new InvalidConfigurationException(key, null, "required with the other PEM file");
        }
      }
    }
    return new TlsConfig(port, redirect, Optional.of(settings));
  }

  /** Loads the certificate the settings name, or refuses with the key and the file. */
  public ServerTls load() {
    try {
      return ServerTls.load(settings.orElseThrow());
    } catch (TlsFileException e) {
      throw new InvalidConfigurationException(e.key(), e.file().toString(), e.problem());
    }
  }

  private static Optional<Path> file(ConfigValues values, String key) {
    Optional<String> named = values.optional(key);
    if (named.isEmpty()) {
      return Optional.empty();
    }
    Path path = Path.of(named.get()).toAbsolutePath();
    if (!Files.isRegularFile(path)) {
      throw new InvalidConfigurationException(key, named.get(), "no such file");
    }
    if (!Files.isReadable(path)) {
      throw new InvalidConfigurationException(key, named.get(), "not readable by Fleetgate");
    }
    return Optional.of(path);
  }

  private static List<String> protocols(ConfigValues values) {
    String raw = values.required(PROTOCOLS);
    List<String> protocols = list(raw);
    for (String protocol : protocols) {
      if (!TlsSettings.SUPPORTED_PROTOCOLS.contains(protocol)) {
        throw new InvalidConfigurationException(
            PROTOCOLS, raw, "'" + protocol + "' is not one of " + TlsSettings.SUPPORTED_PROTOCOLS);
      }
    }
    return protocols;
  }

  private static List<String> ciphers(ConfigValues values) {
    String raw = values.required(CIPHERS);
    List<String> ciphers = list(raw);
    Set<String> known;
    try {
      known = Set.of(SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JDK has no TLS", e);
    }
    List<String> unknown = new ArrayList<>(ciphers);
    unknown.removeAll(known);
    if (!unknown.isEmpty()) {
      throw new InvalidConfigurationException(
          CIPHERS, raw, "this JDK has no cipher suite " + unknown + " (use the JDK's names)");
    }
    return ciphers;
  }

  private static Duration watchInterval(ConfigValues values) {
    String raw = values.required(WATCH_INTERVAL);
    return raw.equals("0") ? Duration.ZERO : values.duration(WATCH_INTERVAL, Duration.ofSeconds(1));
  }

  private static List<String> list(String raw) {
    List<String> items = new ArrayList<>();
    for (String item : raw.split(",")) {
      if (!item.isBlank()) {
        items.add(item.trim());
      }
    }
    return items;
  }
}
