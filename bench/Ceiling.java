import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The container's ceiling for bench/run: a synchronous servlet on the same Payara Micro, with the
 * same options and listener chain as Fleetgate, that writes five bytes. No proxy can beat it.
 */
@WebServlet(urlPatterns = "/*")
public class Ceiling extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final byte[] HELLO = "hello".getBytes(StandardCharsets.US_ASCII);

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setContentType("text/plain");
    response.setContentLength(HELLO.length);
    response.getOutputStream().write(HELLO);
  }
}
