package dev.fleetgate.frontdoor.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * The front door's TLS: a server {@link SSLEngine} per connection from the current certificate
 * (T3). A renewed certificate is taken without a restart (T4): at most once per watch interval, the
 * connection that arrives looks at the files' times and sizes, and when they changed the next
 * engines use the new files; connections already open keep theirs. A renewal that does not load (a
 * key written before its certificate, say) keeps the old certificate and is tried again.
 */
public final class ServerTls {
  private static final Logger LOG = Logger.getLogger(ServerTls.class.getName());
  private static final String[] NO_STRINGS = {};
  private static final String REJECT_RENEGOTIATION = "jdk.tls.rejectClientInitiatedRenegotiation";

  static {
    // TLS 1.2 lets a client ask for handshake after handshake on one connection, each costing the
    // server a signature: nginx refuses them, and so do we. The JDK reads this once, at the first
    // server handshake, which no other listener of Fleetgate's makes; an explicit -D wins.
    if (System.getProperty(REJECT_RENEGOTIATION) == null) {
      System.setProperty(REJECT_RENEGOTIATION, "true");
    }
  }

  /** One loaded certificate: its context and what its files looked like when read. */
  private record Loaded(SSLContext context, List<String> stamps, String description) {}

  private final TlsSettings settings;
  private final LongSupplier nanoTime;
  private final String[] protocols;
  private final String[] ciphers;
  private final AtomicBoolean checking = new AtomicBoolean();
  private volatile Loaded current;
  private volatile long nextCheck;

  private ServerTls(TlsSettings settings, LongSupplier nanoTime, Loaded first) {
    this.settings = settings;
    this.nanoTime = nanoTime;
    this.protocols = settings.protocols().toArray(NO_STRINGS);
    this.ciphers = settings.ciphers().toArray(NO_STRINGS);
    this.current = first;
    this.nextCheck = nanoTime.getAsLong() + settings.watchInterval().toNanos();
  }

  /** Loads the files the settings name, or says which is wrong. */
  public static ServerTls load(TlsSettings settings) throws TlsFileException {
    return load(settings, System::nanoTime);
  }

  static ServerTls load(TlsSettings settings, LongSupplier nanoTime) throws TlsFileException {
    return new ServerTls(settings, nanoTime, loadFiles(settings));
  }

  /** Checks the files as a start would, without keeping anything: {@code fleetgate check}. */
  public static void check(TlsSettings settings) throws TlsFileException {
    loadFiles(settings);
  }

  public TlsSettings settings() {
    return settings;
  }

  /** Subject, serial and expiry of the certificate served now. */
  public String description() {
    return current.description();
  }

  /** A server engine for one new connection, from the certificate current now. */
  public SSLEngine newEngine() {
    watchForRenewal();
    SSLEngine engine = current.context().createSSLEngine();
    engine.setUseClientMode(false);
    SSLParameters parameters = engine.getSSLParameters();
    parameters.setProtocols(protocols);
    parameters.setCipherSuites(ciphers);
    // Mozilla's intermediate profile leaves the choice to the client: it knows whether it has AES
    // in hardware (ChaCha20 is faster without).
    parameters.setUseCipherSuitesOrder(false);
    engine.setSSLParameters(parameters);
    return engine;
  }

  /** Looks at the files now, whatever the interval: a configuration reload asks for this. */
  public boolean reloadIfChanged() {
    List<String> stamps;
    try {
      stamps = stamps(settings);
    } catch (IOException e) {
      LOG.warning(
          "TLS: cannot look at the certificate files (" + e + "); keeping " + description());
      return false;
    }
    if (stamps.equals(current.stamps())) {
      return false;
    }
    try {
      Loaded renewed = loadFiles(settings);
      current = renewed;
      LOG.info("TLS: renewed certificate in use for new connections: " + renewed.description());
      return true;
    } catch (TlsFileException e) {
      LOG.log(
          Level.WARNING,
          "TLS: the changed certificate files do not load ("
              + e.getMessage()
              + "); still serving "
              + description()
              + ", trying again later");
      return false;
    }
  }

  private void watchForRenewal() {
    long interval = settings.watchInterval().toNanos();
    if (interval == 0) {
      return;
    }
    long now = nanoTime.getAsLong();
    if (now - nextCheck < 0 || !checking.compareAndSet(false, true)) {
      return;
    }
    try {
      nextCheck = now + interval;
      reloadIfChanged();
    } finally {
      checking.set(false);
    }
  }

  private static Loaded loadFiles(TlsSettings settings) throws TlsFileException {
    List<String> stamps;
    try {
      stamps = stamps(settings);
    } catch (IOException e) {
      stamps = List.of(); // the load below names the file that is missing
    }
    KeyMaterial material = KeyMaterial.load(settings);
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      char[] password = new char[0];
      store.setKeyEntry(
          "fleetgate",
          material.key(),
          password,
          material.chain().toArray(new java.security.cert.Certificate[0]));
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, password);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return new Loaded(context, stamps, material.describe());
    } catch (IOException | GeneralSecurityException e) {
      Path file = settings.watchedFiles().get(0);
      throw new TlsFileException(
          settings.keystore().isPresent() ? TlsSettings.KEYSTORE_KEY : TlsSettings.CERTIFICATE_KEY,
          file,
          "the JDK cannot serve with it: " + e,
          e);
    }
  }

  /** What the files look like now: the real file behind each link, its time and size. */
  private static List<String> stamps(TlsSettings settings) throws IOException {
    List<String> stamps = new ArrayList<>();
    for (Path file : settings.watchedFiles()) {
      Path real = file.toRealPath();
      stamps.add(real + " " + Files.getLastModifiedTime(real).toMillis() + " " + Files.size(real));
    }
    return stamps;
  }
}
