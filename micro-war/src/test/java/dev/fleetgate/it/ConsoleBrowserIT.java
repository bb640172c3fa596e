package dev.fleetgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser (dev.fleetgate.admin R1–R13, security R1–R8): Debian's headless
 * Chromium, driven by Selenium, against Fleetgate on one Payara Micro with two sample workers on
 * ports 23400+. The methods run in order and share the server and the browser; each leaves the
 * fleet at two READY workers. Screenshots at 1280 and 390 px go to {@code target/screenshots}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {
  static final String ADMIN_PASSWORD = System.getProperty("it.admin-password");
  static final String VIEWER_PASSWORD = "viewer-" + ADMIN_PASSWORD;
  static final String METRICS_TOKEN = Http.METRICS_TOKEN;
  static final Duration ACTION = Duration.ofSeconds(40);
  static final int WIDE = 1280;
  static final int NARROW = 390;

  static MicroProcess micro;
  static ChromeDriverService driverService;
  static WebDriver browser;
  static Path screenshots;
  static long startedNanos;

  static final HttpClient HTTP =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  @BeforeAll
  static void startFleetgateAndBrowser() throws IOException {
    startedNanos = System.nanoTime();
    Path work = Path.of("target", "console-it").toAbsolutePath();
    micro =
        MicroProcess.start(
            work,
            Map.of(),
            List.of(
                "-Dfleetgate.workers.count=2",
                "-Dfleetgate.workers.base-port=23400",
                "-Dfleetgate.workers.stop-grace=3s",
                "-Dfleetgate.workers.drain-timeout=5s",
                "-Dfleetgate.workers.env=GREETING=hello,API_TOKEN=do-not-show",
                "-Dfleetgate.admin.password=" + ADMIN_PASSWORD,
                "-Dfleetgate.admin.viewer-username=viewer",
                "-Dfleetgate.admin.viewer-password=" + VIEWER_PASSWORD,
                "-Dfleetgate.metrics.token=" + METRICS_TOKEN));
    screenshots = Path.of(System.getProperty("it.screenshots", "target/screenshots"));
    Files.createDirectories(screenshots);

    // The driver and the browser named explicitly: Selenium Manager is never asked (SE_OFFLINE).
    driverService =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(System.getProperty("it.chromedriver")))
            .usingAnyFreePort()
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(System.getProperty("it.chromium"));
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=" + WIDE + ",900");
    browser = new ChromeDriver(driverService, options);
    browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));

    Http.await(() -> Http.readyWorkers(micro.base()) == 2, Duration.ofSeconds(120), "2 ready");
    System.out.printf(
        "FIGURE console IT: Payara Micro and 2 workers ready in %d ms%n", micro.millisSinceStart());
  }

  @AfterAll
  static void stopEverything() throws InterruptedException {
    try {
      if (browser != null) {
        browser.quit();
      }
      if (driverService != null) {
        driverService.stop();
      }
    } finally {
      if (micro != null) {
        micro.close();
      }
      System.out.printf(
          "FIGURE console IT: whole class in %d ms%n",
          (System.nanoTime() - startedNanos) / 1_000_000);
    }
  }

  // ---- tests ---------------------------------------------------------------------------------

  @Test
  @Order(1)
  void refusesEveryPageWithoutSignIn() throws Exception {
    for (String page : List.of("/admin/", "/admin/worker.xhtml?id=0", "/admin/config.xhtml")) {
      browser.get(micro.base() + page);
      waitUntil(d -> d.getCurrentUrl().contains("/admin/login.xhtml"), "login page for " + page);
      assertFalse(browser.getPageSource().contains("sample-worker"), page);
    }
    shootBoth("01-login");

    for (String path : List.of("/admin/nothing-here", "/admin/x/y.json", "/health/x", "/health")) {
      HttpResponse<String> response = get(path, Map.of());
      assertFalse(response.body().contains("\"worker\":"), path + " reached a worker");
    }

    assertEquals(401, get("/admin/metrics", Map.of()).statusCode(), "metrics without a token");
    assertEquals(
        401,
        get("/admin/metrics", Map.of("Authorization", "Bearer wrong")).statusCode(),
        "metrics with a wrong token");
    HttpResponse<String> scraped =
        get("/admin/metrics", Map.of("Authorization", "Bearer " + METRICS_TOKEN));
    assertEquals(200, scraped.statusCode());
    assertTrue(scraped.body().contains("fleetgate_workers_ready 2"), scraped.body());
    assertTrue(
        scraped.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"),
        scraped.headers().toString());
  }

  @Test
  @Order(2)
  void signsInAndSeesEveryWorker() {
    signIn("admin", ADMIN_PASSWORD);

    Map<Integer, Long> pids = pidsOnPage();
    assertEquals(Http.workers(Http.details(micro.base())).keySet(), pids.keySet());
    pids.values().forEach(pid -> assertTrue(ProcessHandle.of(pid).isPresent(), "pid " + pid));
    assertEquals("ready", text(By.id("fleet:readiness")));
    String headline = text(By.cssSelector(".fg-headline"));
    assertEquals("2 / 2 workers ready", headline);
    String table = text(By.id("fleet:table"));
    for (String column : List.of("Uptime", "Restarts", "Memory", "CPU", "Requests", "p99")) {
      assertTrue(table.contains(column), column + " in " + table);
    }
    pollsWithoutReloading();
    shootBoth("02-overview");
  }

  @Test
  @Order(3)
  void restartsAWorkerAndShowsItsNewPid() {
    long before = pidsOnPage().get(0);

    act(By.id("fleet:table:0:restart"));

    waitForResult("Restarted worker 0");
    waitUntil(d -> pidOnPage(0) != before && "READY".equals(stateOnPage(0)), "worker 0 new pid");
    assertTrue(ProcessHandle.of(before).isEmpty(), "old process gone");
    micro.awaitLog("user=admin action=restart worker=0 result=ok", Duration.ofSeconds(5));
    shoot("03-restarted-" + WIDE);
  }

  @Test
  @Order(4)
  void showsTheLinesAWorkerPrintedFollowingLive() {
    long pid = pidOnPage(0);
    follow(By.id("fleet:table:0:detail"), "worker.xhtml");

    // The sample worker prints "listening on" to stdout and "stderr ready" to stderr (R2).
    waitUntil(
        d -> text(By.id("worker:log")).contains("listening on 127.0.0.1:23400 (pid " + pid + ")"),
        "listening line of pid " + pid);
    WebElement err =
        browser.findElement(
            By.xpath("//div[contains(@class,'fg-log-err')][contains(.,'stderr ready')]"));
    assertTrue(err.getText().contains("err"), err.getText());
    assertTrue(
        browser
                .findElements(
                    By.xpath("//div[contains(@class,'fg-log-out')][contains(.,'listening on')]"))
                .size()
            > 0);

    String history = text(By.id("worker:events"));
    assertTrue(history.contains("STARTING → READY"), history);
    assertTrue(text(By.id("command")).contains("sample-worker"), text(By.id("command")));
    String environment = text(By.id("environment"));
    assertTrue(
        environment.contains("GREETING hello") || environment.contains("hello"), environment);
    assertTrue(environment.contains("API_TOKEN"), environment);
    assertTrue(environment.contains("••••••"), environment);
    assertFalse(browser.getPageSource().contains("do-not-show"), "the token is masked");
    assertTrue(environment.contains("23400"), "PORT: " + environment);
    pollsWithoutReloading();
    shootBoth("04-worker");
  }

  @Test
  @Order(5)
  void stopsAndStartsAWorkerFromItsPage() {
    open("/admin/worker.xhtml?id=1");
    waitUntil(d -> "READY".equals(text(By.id("worker:state"))), "worker 1 READY");

    act(By.id("worker:stop"));
    waitForResult("Stopped worker 1");
    waitUntil(d -> "STOPPED".equals(text(By.id("worker:state"))), "worker 1 STOPPED");
    assertEquals("–", text(By.id("worker:pid")));

    act(By.id("worker:start"));
    waitForResult("Started worker 1");
    waitUntil(d -> "READY".equals(text(By.id("worker:state"))), "worker 1 READY again");
  }

  /**
   * Proxy R7 and the supervisor's drain: a draining worker gets no new request, and the ones it is
   * already serving finish before it stops.
   */
  @Test
  @Order(6)
  void drainingFinishesInFlightRequestsAndSendsNoNewOnes() throws Exception {
    open("/admin/worker.xhtml?id=1");
    waitUntil(d -> "READY".equals(text(By.id("worker:state"))), "worker 1 READY");
    // Slow requests on both workers (round-robin alternates), still running when the drain starts.
    List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> slow =
        new java.util.ArrayList<>();
    for (int i = 0; i < 4; i++) {
      slow.add(
          HTTP.sendAsync(
              HttpRequest.newBuilder(URI.create(micro.base() + "/delay?ms=3000&i=" + i)).build(),
              HttpResponse.BodyHandlers.ofString()));
    }
    Http.await(
        () -> inFlightOn1() > 0, Duration.ofSeconds(10), "a slow request in flight on worker 1");

    act(By.id("worker:drain"));
    Http.await(() -> stateOf1().equals("DRAINING"), Duration.ofSeconds(10), "worker 1 DRAINING");
    List<String> answeredWhileDraining = new java.util.ArrayList<>();
    for (int i = 0; i < 20; i++) {
      answeredWhileDraining.add(workerOf(Http.get(micro.base(), "/during-drain").body()));
    }
    assertEquals("DRAINING", stateOf1(), "the slow requests keep worker 1 draining meanwhile");
    waitForResult("Drained and stopped worker 1");

    for (var request : slow) {
      HttpResponse<String> response = request.get(30, java.util.concurrent.TimeUnit.SECONDS);
      assertEquals(200, response.statusCode(), "an in-flight request finished: " + response.body());
    }
    assertTrue(
        slow.stream().map(f -> workerOf(f.join().body())).anyMatch("1"::equals),
        "worker 1 itself answered a request that was in flight when it began draining");
    assertFalse(answeredWhileDraining.isEmpty(), "requests were sent while worker 1 drained");
    assertTrue(
        answeredWhileDraining.stream().allMatch("0"::equals),
        "no new request went to the draining worker: " + answeredWhileDraining);
    micro.awaitLog("user=admin action=drain worker=1 result=ok", Duration.ofSeconds(5));

    act(By.id("worker:start"));
    waitForResult("Started worker 1");
    waitUntil(d -> "READY".equals(text(By.id("worker:state"))), "worker 1 READY at the end");
  }

  /** Requests in flight on worker 1, as the Prometheus endpoint tells (token access). */
  static int inFlightOn1() {
    try {
      String text =
          HTTP.send(
                  HttpRequest.newBuilder(URI.create(micro.base() + "/admin/metrics"))
                      .header("Authorization", "Bearer " + METRICS_TOKEN)
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      var m =
          java.util.regex.Pattern.compile(
                  "fleetgate_worker_in_flight\\{app=\"default\",worker=\"1\"\\} (\\d+)")
              .matcher(text);
      return m.find() ? Integer.parseInt(m.group(1)) : 0;
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  static String stateOf1() {
    Http.WorkerInfo info = Http.workers(Http.details(micro.base())).get(1);
    return info == null ? "?" : info.state();
  }

  static String workerOf(String body) {
    var m = java.util.regex.Pattern.compile("\"worker\":\"(\\d+)\"").matcher(body);
    return m.find() ? m.group(1) : "?";
  }

  @Test
  @Order(7)
  void scalesUpToThreeAndBackToTwo() {
    open("/admin/index.xhtml");
    waitUntil(d -> pidsOnPage().size() == 2, "2 rows");

    scaleTo(3);
    waitForResult("Scaled to 3 workers");
    waitUntil(
        d -> pidsOnPage().size() == 3 && "READY".equals(stateOnPage(2)), "3 rows, worker 2 READY");
    assertEquals("3 / 3 workers ready", text(By.cssSelector(".fg-headline")));
    shootBoth("05-scaled-to-3");

    scaleTo(2);
    waitForResult("Scaled to 2 workers");
    waitUntil(d -> pidsOnPage().size() == 2, "back to 2 rows");
    micro.awaitLog("user=admin action=scale(2) worker=all result=ok", Duration.ofSeconds(5));
  }

  @Test
  @Order(8)
  void rollingRestartReplacesEveryWorkerAndSaysSo() {
    Map<Integer, Long> before = pidsOnPage();

    act(By.id("fleet:rolling-restart"));

    waitForResult("Restarted every worker, one after the other");
    waitUntil(
        d -> {
          Map<Integer, Long> now = pidsOnPage();
          return now.size() == 2
              && !now.get(0).equals(before.get(0))
              && !now.get(1).equals(before.get(1));
        },
        "new pids for both workers");
    shoot("06-rolling-restart-" + WIDE);
  }

  @Test
  @Order(9)
  void showsChartsConfigurationAndMetrics() {
    follow(By.id("nav-charts"), "charts.xhtml");
    waitUntil(
        d -> d.findElements(By.cssSelector("#charts\\:requests canvas")).size() == 1,
        "requests chart drawn");
    assertEquals(1, browser.findElements(By.cssSelector("#charts\\:latency canvas")).size());
    assertEquals(1, browser.findElements(By.cssSelector("#charts\\:restarts canvas")).size());
    pollsWithoutReloading();
    shootBoth("07-charts");

    follow(By.id("nav-config"), "config.xhtml");
    Map<String, List<String>> settings = settingsOnPage();
    assertEquals(List.of("2", "system property"), settings.get("fleetgate.workers.count"));
    assertEquals(List.of("30s", "default"), settings.get("fleetgate.workers.start-timeout"));
    assertEquals("••••••", settings.get("fleetgate.admin.password").get(0));
    assertEquals("••••••", settings.get("fleetgate.metrics.token").get(0));
    assertEquals("GREETING=hello,API_TOKEN=••••••", settings.get("fleetgate.workers.env").get(0));
    assertFalse(browser.getPageSource().contains(ADMIN_PASSWORD), "no password on the page");
    shootBoth("08-configuration");

    open("/admin/metrics");
    assertTrue(
        browser.findElement(By.tagName("body")).getText().contains("fleetgate_workers_desired 2"),
        "metrics for a signed-in operator");
  }

  @Test
  @Order(10)
  void aForgedOrReplayedPostChangesNothing() throws Exception {
    Map<String, String> restartWorker0 = new LinkedHashMap<>();
    restartWorker0.put("fleet", "fleet");
    restartWorker0.put("fleet:table:0:restart", "fleet:table:0:restart");
    open("/admin/index.xhtml");
    waitUntil(d -> pidsOnPage().size() == 2, "overview");
    long pid = healthPid(0);

    // 1. After sign-out, the POST that would have worked (cookie and view state) is replayed.
    String viewState = viewState();
    Cookie oldSession = browser.manage().getCookieNamed("FLEETGATE_CONSOLE");
    signOut();
    Map<String, String> replayed = new LinkedHashMap<>(restartWorker0);
    replayed.put("jakarta.faces.ViewState", viewState);
    HttpResponse<String> replay = post(replayed, oldSession);
    assertEquals(302, replay.statusCode(), "sent to sign in: " + replay.body());
    assertTrue(replay.headers().firstValue("Location").orElse("").contains("login"));
    assertEquals(pid, healthPid(0), "a replayed POST after sign-out restarted nothing");

    // 2. A live session cookie, but a view state this session never rendered: refused by Faces.
    signIn("admin", ADMIN_PASSWORD);
    Map<String, String> forged = new LinkedHashMap<>(restartWorker0);
    forged.put("jakarta.faces.ViewState", "-1234567890123456789:987654321987654321");
    HttpResponse<String> refused =
        post(forged, browser.manage().getCookieNamed("FLEETGATE_CONSOLE"));
    assertNotEquals(200, refused.statusCode(), refused.body());
    assertEquals(pid, healthPid(0), "a POST with a made-up view state restarted nothing");

    // 3. Another site's page posts the form from the signed-in operator's browser, even with the
    //    page's real view state: the SameSite=Strict cookie stays home, the POST is anonymous.
    try (Attacker attacker =
        Attacker.serving(micro.base() + "/admin/index.xhtml", restartWorker0, viewState())) {
      browser.get(attacker.url());
      waitUntil(d -> d.getCurrentUrl().contains("/admin/login.xhtml"), "forged POST → login");
    }
    assertEquals(pid, healthPid(0), "a cross-site POST restarted nothing");
    String log = micro.log();
    int rollingRestart = log.indexOf("action=rolling-restart");
    assertTrue(rollingRestart >= 0, "the rolling restart before this test was audited");
    assertEquals(
        -1,
        log.indexOf("action=restart worker=0", rollingRestart),
        "no restart audited after the rolling restart");
  }

  static String viewState() {
    return browser
        .findElement(By.cssSelector("#fleet input[name='jakarta.faces.ViewState']"))
        .getAttribute("value");
  }

  @Test
  @Order(11)
  void signsOutAndIsThenRefused() {
    // A session that ends while a page is open (it expired, or the operator signed out in another
    // tab): the next poll finds it gone, and the page goes to the sign-in page by itself. Signing
    // in there returns to that page, not to the poll's request.
    signIn("admin", ADMIN_PASSWORD);
    follow(By.id("fleet:table:0:detail"), "worker.xhtml");
    String workerPage = browser.getCurrentUrl();
    waitUntil(d -> text(By.id("worker:log")).contains("listening on"), "the worker's log");
    browser.manage().deleteCookieNamed("FLEETGATE_CONSOLE");
    waitUntil(d -> d.getCurrentUrl().contains("/admin/login.xhtml"), "sent to sign in by a poll");
    signInIfAsked("admin", ADMIN_PASSWORD);
    waitUntil(d -> d.getCurrentUrl().equals(workerPage), "back on " + workerPage);
    waitUntil(d -> text(By.id("worker:log")).contains("listening on"), "the worker's log again");

    signOut();
    assertTrue(text(By.id("login")).contains("You are signed out."));

    browser.get(micro.base() + "/admin/index.xhtml");
    waitUntil(d -> d.getCurrentUrl().contains("/admin/login.xhtml"), "refused after sign-out");
  }

  @Test
  @Order(12)
  void aViewerLooksButCannotAct() throws Exception {
    signIn("viewer", VIEWER_PASSWORD);
    Map<Integer, Long> pids = pidsOnPage();
    assertEquals(2, pids.size());
    assertTrue(browser.findElements(By.id("fleet:table:0:restart")).isEmpty(), "no row actions");
    assertTrue(browser.findElements(By.id("fleet:scale")).isEmpty(), "no scaling");
    shootBoth("09-viewer");

    // Even a hand-made POST from the viewer's own session and page acts on nothing.
    String viewState =
        browser
            .findElement(By.cssSelector("#fleet input[name='jakarta.faces.ViewState']"))
            .getAttribute("value");
    Map<String, String> restart = new LinkedHashMap<>();
    restart.put("fleet", "fleet");
    restart.put("fleet:table:0:restart", "fleet:table:0:restart");
    restart.put("jakarta.faces.ViewState", viewState);
    post(restart, browser.manage().getCookieNamed("FLEETGATE_CONSOLE"));
    assertEquals(pids.get(0), healthPid(0), "the viewer restarted nothing");

    open("/admin/worker.xhtml?id=0");
    waitUntil(d -> text(By.id("worker:log")).contains("listening on"), "viewer reads the log");
    assertTrue(browser.findElements(By.id("worker:restart")).isEmpty(), "no worker actions");
    signOut();
  }

  // ---- browser steps -------------------------------------------------------------------------

  static void signIn(String user, String password) {
    browser.get(micro.base() + "/admin/");
    signInIfAsked(user, password);
    waitUntil(d -> d.getCurrentUrl().contains("/admin/index.xhtml"), "overview after sign-in");
    waitUntil(d -> !pidsOnPage().isEmpty(), "worker rows");
  }

  static void signInIfAsked(String user, String password) {
    waitUntil(
        d ->
            d.getCurrentUrl().contains("/admin/login.xhtml") || d.getCurrentUrl().contains("index"),
        "a page");
    if (!browser.getCurrentUrl().contains("login.xhtml")) {
      return;
    }
    WebElement name = browser.findElement(By.id("login:username"));
    name.clear();
    name.sendKeys(user);
    browser.findElement(By.id("login:password")).sendKeys(password);
    browser.findElement(By.id("login:submit")).click();
  }

  static void signOut() {
    click(By.id("session:logout"));
    waitUntil(
        d -> d.getCurrentUrl().contains("signedOut=true"),
        "signed out; page: " + safeText(By.tagName("body")));
  }

  /** Clicks an operation's button and confirms in the dialog. */
  static void act(By button) {
    click(button);
    WebElement yes =
        new WebDriverWait(browser, Duration.ofSeconds(10))
            .until(ExpectedConditions.elementToBeClickable(By.id("confirm:yes")));
    yes.click();
    new WebDriverWait(browser, Duration.ofSeconds(10))
        .until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".ui-dialog-mask")));
  }

  static void scaleTo(int count) {
    WebElement input = browser.findElement(By.id("fleet:scale-to_input"));
    input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE, Integer.toString(count));
    assertEquals(Integer.toString(count), input.getAttribute("value"));
    act(By.id("fleet:scale"));
  }

  static void waitForResult(String message) {
    new WebDriverWait(browser, ACTION)
        .ignoring(StaleElementReferenceException.class)
        .ignoring(NoSuchElementException.class)
        .withMessage(() -> "result '" + message + "'; page: " + safeText(By.tagName("main")))
        .until(d -> d.findElement(By.cssSelector("[id$='result']")).getText().contains(message));
  }

  /**
   * Opens a console page and waits until the browser shows it. A reload from the previous page's
   * poll, answered just as that page is left, could keep the browser there; then it asks again.
   */
  static void open(String pathAndQuery) {
    arriveAt(pathAndQuery.split("\\?")[0], () -> browser.get(micro.base() + pathAndQuery));
  }

  /**
   * Follows a link on a polled page. A poll that replaces the link between the press and the
   * release of the mouse button swallows the click, for a person as for the test; both then click
   * again.
   */
  static void follow(By link, String page) {
    arriveAt(page, () -> click(link));
  }

  /** Goes somewhere until the address shows {@code page}: three tries, 10 s each. */
  static void arriveAt(String page, Runnable go) {
    for (int attempt = 1; ; attempt++) {
      go.run();
      try {
        new WebDriverWait(browser, Duration.ofSeconds(10))
            .until(d -> d.getCurrentUrl().contains(page));
        return;
      } catch (org.openqa.selenium.TimeoutException stillElsewhere) {
        if (attempt == 3) {
          throw stillElsewhere;
        }
      }
    }
  }

  /**
   * The page takes its polls' answers without reloading itself. A reload starts a new document, so
   * the count kept in the old one only reaches two if the first answer left the page alone.
   */
  static void pollsWithoutReloading() {
    JavascriptExecutor js = (JavascriptExecutor) browser;
    js.executeScript(
        "window.fgPolls = 0; var answer = fleetgate.afterPoll;"
            + " fleetgate.afterPoll = function () {"
            + " var done = answer.apply(this, arguments); window.fgPolls++; return done; };");
    waitUntil(
        d -> Boolean.TRUE.equals(js.executeScript("return window.fgPolls >= 2")),
        "two polls answered without a reload");
  }

  static void click(By by) {
    new WebDriverWait(browser, Duration.ofSeconds(20))
        .ignoring(StaleElementReferenceException.class)
        .until(
            d -> {
              d.findElement(by).click();
              return true;
            });
  }

  static void waitUntil(java.util.function.Function<WebDriver, Boolean> condition, String what) {
    new WebDriverWait(browser, ACTION)
        .ignoring(StaleElementReferenceException.class)
        .ignoring(NoSuchElementException.class)
        .withMessage(() -> what + "; at " + browser.getCurrentUrl())
        .until(condition::apply);
  }

  static String text(By by) {
    return acrossRedraws(() -> browser.findElement(by).getText().strip());
  }

  static String safeText(By by) {
    try {
      return text(by);
    } catch (RuntimeException e) {
      return e.toString();
    }
  }

  /**
   * Table row → pid as the overview shows them (rows follow worker ids, which may have gaps after a
   * rolling restart); rows without a process are left out.
   */
  static Map<Integer, Long> pidsOnPage() {
    return acrossRedraws(ConsoleBrowserIT::pidsOnPageOnce);
  }

  /** The page's polls redraw the table every second; an element read across a redraw goes stale. */
  static <T> T acrossRedraws(java.util.function.Supplier<T> read) {
    for (int attempt = 1; ; attempt++) {
      try {
        return read.get();
      } catch (StaleElementReferenceException redrawn) {
        if (attempt == 5) {
          throw redrawn;
        }
      }
    }
  }

  private static Map<Integer, Long> pidsOnPageOnce() {
    Map<Integer, Long> pids = new LinkedHashMap<>();
    for (int row = 0; ; row++) {
      List<WebElement> pid = browser.findElements(By.id("fleet:table:" + row + ":pid"));
      if (pid.isEmpty()) {
        return pids;
      }
      String text = pid.get(0).getText().strip();
      if (text.matches("\\d+")) {
        pids.put(row, Long.parseLong(text));
      }
    }
  }

  static long pidOnPage(int row) {
    String text = text(By.id("fleet:table:" + row + ":pid"));
    return text.matches("\\d+") ? Long.parseLong(text) : -1;
  }

  static String stateOnPage(int row) {
    return text(By.id("fleet:table:" + row + ":state"));
  }

  /** Key → [value, source] from the configuration page. */
  static Map<String, List<String>> settingsOnPage() {
    return browser.findElements(By.cssSelector("#settings tbody tr")).stream()
        .map(tr -> tr.findElements(By.tagName("td")))
        .filter(tds -> tds.size() == 3)
        .collect(
            Collectors.toMap(
                tds -> cell(tds.get(0)),
                tds -> List.of(cell(tds.get(1)), cell(tds.get(2))),
                (a, b) -> a,
                LinkedHashMap::new));
  }

  /** A cell's text without the column title PrimeFaces adds for the reflowed layout. */
  static String cell(WebElement td) {
    String all = td.getText().strip();
    List<WebElement> title = td.findElements(By.cssSelector(".ui-column-title"));
    return title.isEmpty() ? all : all.substring(title.get(0).getText().length()).strip();
  }

  static void shootBoth(String name) {
    shoot(name + "-" + WIDE);
    browser.manage().window().setSize(new Dimension(NARROW, 844));
    try {
      shoot(name + "-" + NARROW);
      Object overflow =
          ((org.openqa.selenium.JavascriptExecutor) browser)
              .executeScript(
                  "return document.documentElement.scrollWidth > window.innerWidth + 1;");
      assertEquals(Boolean.FALSE, overflow, name + ": no sideways scrolling at " + NARROW + " px");
    } finally {
      browser.manage().window().setSize(new Dimension(WIDE, 900));
    }
  }

  static void shoot(String name) {
    try {
      byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
      Files.write(screenshots.resolve(name + ".png"), png);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  // ---- plain HTTP ----------------------------------------------------------------------------

  static long healthPid(int worker) {
    Http.WorkerInfo info = Http.workers(Http.details(micro.base())).get(worker);
    return info == null ? -1 : info.pid();
  }

  static HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(micro.base() + path));
    headers.forEach(request::header);
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> post(Map<String, String> form, Cookie session) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(micro.base() + "/admin/index.xhtml"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Cookie", session.getName() + "=" + session.getValue())
            .POST(HttpRequest.BodyPublishers.ofString(encode(form)))
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  static String encode(Map<String, String> form) {
    return form.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  /**
   * Another site: a page on {@code localhost} (not the console's {@code 127.0.0.1}, so a different
   * site for the browser) whose form posts itself to the console as soon as it loads.
   */
  record Attacker(HttpServer server) implements AutoCloseable {

    static Attacker serving(String target, Map<String, String> fields, String viewState)
        throws IOException {
      StringBuilder inputs = new StringBuilder();
      Map<String, String> all = new LinkedHashMap<>(fields);
      all.put("jakarta.faces.ViewState", viewState);
      all.forEach(
          (k, v) ->
              inputs
                  .append("<input type=hidden name=\"")
                  .append(k)
                  .append("\" value=\"")
                  .append(v)
                  .append("\">"));
      byte[] page =
          ("<!DOCTYPE html><html><body><form id=f method=post action=\""
                  + target
                  + "\">"
                  + inputs
                  + "</form><script>document.getElementById('f').submit()</script></body></html>")
              .getBytes(StandardCharsets.UTF_8);
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext(
          "/",
          exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
          });
      server.start();
      return new Attacker(server);
    }

    String url() {
      return "http://localhost:" + server.getAddress().getPort() + "/";
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
