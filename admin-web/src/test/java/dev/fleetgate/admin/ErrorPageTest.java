package dev.fleetgate.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.ServletException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ErrorPageTest {

  @Test
  @DisplayName("R14 a form over the listener's post limit answers 413")
  void formOverThePostLimitIs413() {
    Throwable failure =
        new ServletException(
            "GRIZZLY0205: Post too large",
            new IllegalStateException("GRIZZLY0205: Post too large"));

    assertEquals(413, ErrorPage.status(500, failure));
  }

  @Test
  @DisplayName("R14 any other exception answers 500")
  void otherFailuresAre500() {
    assertEquals(500, ErrorPage.status(500, new IllegalStateException("boom")));
    assertEquals(500, ErrorPage.status(null, new NullPointerException()));
  }

  @Test
  @DisplayName("R14 a status the application sent is kept")
  void keepsTheContainersStatus() {
    assertEquals(404, ErrorPage.status(404, null));
    assertEquals(401, ErrorPage.status(401, null));
    assertEquals(500, ErrorPage.status(null, null));
  }

  @ParameterizedTest
  @DisplayName("R14 the page says the status and a sentence, and names no class or server")
  @ValueSource(ints = {400, 401, 403, 404, 405, 413, 500, 502, 418})
  void pageNamesNoClassNorServer(int status) {
    String html = ErrorPage.html(status);

    assertTrue(html.contains("<h1>" + status + " "), html);
    for (String leak : new String[] {"Exception", "java.", "Payara", "Grizzly", "GRIZZLY"}) {
      assertFalse(html.contains(leak), leak + " in " + html);
    }
  }
}
