package dev.fleetgate.ear;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One HTML form as a browser would submit it: its action, its hidden fields (a Faces form's name
 * marker and {@code jakarta.faces.ViewState} among them) and the values typed into it. Enough HTML
 * for rendered Faces pages, not a general parser.
 */
final class HtmlForm {
  private static final Pattern FORM = Pattern.compile("<form\\b[^>]*>(.*?)</form>", Pattern.DOTALL);
  private static final Pattern CONTROL = Pattern.compile("<(input|button)\\b[^>]*>");
  private static final Pattern ATTRIBUTE = Pattern.compile("([\\w:.-]+)=\"([^\"]*)\"");

  private final String action;
  private final Map<String, Map<String, String>> controls;
  private final Map<String, String> values = new LinkedHashMap<>();

  private HtmlForm(String action, Map<String, Map<String, String>> controls) {
    this.action = action;
    this.controls = controls;
  }

  /** The form with {@code id="formId"} in {@code html}, or empty when the page has none. */
  static Optional<HtmlForm> find(String html, String formId) {
    Matcher form = FORM.matcher(html);
    while (form.find()) {
      Map<String, String> attributes = attributes(form.group());
      if (formId.equals(attributes.get("id"))) {
        Map<String, Map<String, String>> controls = new LinkedHashMap<>();
        Matcher control = CONTROL.matcher(form.group(1));
        while (control.find()) {
          Map<String, String> a = attributes(control.group());
          a.put("tag", control.group(1));
          if (a.containsKey("name")) {
            controls.put(a.get("name"), a);
          }
        }
        HtmlForm found = new HtmlForm(attributes.get("action"), controls);
        controls.forEach(
            (name, a) -> {
              if ("hidden".equals(a.get("type"))) {
                found.values.put(name, a.getOrDefault("value", ""));
              }
            });
        return Optional.of(found);
      }
    }
    return Optional.empty();
  }

  String action() {
    return action;
  }

  /** The name of the first control of this input type (text, password, submit ...). */
  Optional<String> nameOfType(String type) {
    return controls.entrySet().stream()
        .filter(e -> type.equals(e.getValue().get("type")))
        .map(Map.Entry::getKey)
        .findFirst();
  }

  boolean hasField(String name) {
    return values.containsKey(name);
  }

  HtmlForm with(String name, String value) {
    values.put(name, value);
    return this;
  }

  /** The body of the POST, {@code application/x-www-form-urlencoded}. */
  String encoded() {
    return values.entrySet().stream()
        .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
        .collect(Collectors.joining("&"));
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static Map<String, String> attributes(String tag) {
    Map<String, String> attributes = new HashMap<>();
    Matcher m = ATTRIBUTE.matcher(tag.substring(0, tag.indexOf('>') + 1));
    while (m.find()) {
      attributes.put(m.group(1), unescape(m.group(2)));
    }
    return attributes;
  }

  private static String unescape(String html) {
    return html.replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
  }
}
