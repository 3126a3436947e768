package io.parley.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A person's browser without the rendering: real HTTP to the running application with cookies, CSRF
 * tokens taken from the pages, and a chosen language.
 */
public class WebClient {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  private final String base;
  private final HttpClient http;
  private String language = "en";
  private String lastCsrf;

  public WebClient(int port) {
    this.base = "http://localhost:" + port;
    this.http =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  public WebClient language(String language) {
    this.language = language;
    return this;
  }

  public HttpResponse<String> get(String path) {
    var response = send(request(path).GET().build());
    Matcher m = CSRF.matcher(response.body());
    if (m.find()) {
      lastCsrf = m.group(1);
    }
    return response;
  }

  /** Follows redirects of a GET, as a browser would, and returns the final response. */
  public HttpResponse<String> browse(String path) {
    var response = get(path);
    int hops = 0;
    while (response.statusCode() / 100 == 3 && hops++ < 5) {
      String location = response.headers().firstValue("Location").orElseThrow();
      response =
          get(
              location.startsWith("http")
                  ? URI.create(location).getRawPath() + query(location)
                  : location);
    }
    return response;
  }

  /** Posts a form with the CSRF token of the last page fetched. */
  public HttpResponse<String> post(String path, Map<String, String> form) {
    var withToken = new LinkedHashMap<>(form);
    if (lastCsrf == null) {
      get("/login");
    }
    withToken.put("_csrf", lastCsrf);
    return postRaw(path, withToken);
  }

  /** Posts a form exactly as given: no CSRF token unless the caller adds one. */
  public HttpResponse<String> postRaw(String path, Map<String, String> form) {
    String body =
        form.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return send(
        request(path)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  /** A file to upload: its name, declared type and bytes. */
  public record Upload(String field, String filename, String contentType, byte[] bytes) {}

  /**
   * Posts a multipart form, as a browser does with file inputs, with the last page's CSRF token.
   */
  public HttpResponse<String> postMultipart(
      String path, Map<String, String> fields, java.util.List<Upload> files) {
    String boundary = "----parley" + System.nanoTime();
    var out = new java.io.ByteArrayOutputStream();
    var withToken = new LinkedHashMap<>(fields);
    withToken.put("_csrf", lastCsrf);
    try {
      for (var e : withToken.entrySet()) {
        out.write(
            ("--"
                    + boundary
                    + "\r\nContent-Disposition: form-data; name=\""
                    + e.getKey()
                    + "\"\r\n\r\n"
                    + e.getValue()
                    + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
      }
      for (Upload f : files) {
        out.write(
            ("--"
                    + boundary
                    + "\r\nContent-Disposition: form-data; name=\""
                    + f.field()
                    + "\"; filename=\""
                    + f.filename()
                    + "\"\r\nContent-Type: "
                    + f.contentType()
                    + "\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        out.write(f.bytes());
        out.write("\r\n".getBytes(StandardCharsets.UTF_8));
      }
      out.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return send(
        request(path)
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray()))
            .build());
  }

  /** Signs in through the login form; returns where the application sent us. */
  public String login(String username, String password) {
    get("/login");
    var response = post("/login", Map.of("username", username, "password", password));
    return response.headers().firstValue("Location").orElse("");
  }

  /** An agent's reply to the customer on a case, through the REST API with the agent's token. */
  public HttpResponse<String> reply(String reference, String token, String body) {
    String json =
        "{\"kind\":\"REPLY\",\"body\":\""
            + body.replace("\\", "\\\\").replace("\"", "\\\"")
            + "\"}";
    return api("POST", "/api/v1/cases/" + reference + "/messages", token, json);
  }

  public HttpResponse<String> api(String method, String path, String token, String json) {
    return api(method, path, token, json, "application/json");
  }

  public HttpResponse<String> api(
      String method, String path, String token, String json, String accept) {
    var builder = request(path).header("Accept", accept);
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    if (json != null) {
      builder.header("Content-Type", "application/json");
    }
    if (json == null && method.equals("GET")) {
      builder.GET();
    } else {
      builder.method(
          method,
          json == null
              ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofString(json));
    }
    return send(builder.build());
  }

  public String base() {
    return base;
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).header("Accept-Language", language);
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String query(String url) {
    String q = URI.create(url).getRawQuery();
    return q == null ? "" : "?" + q;
  }
}
