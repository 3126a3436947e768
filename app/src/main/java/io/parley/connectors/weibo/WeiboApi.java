package io.parley.connectors.weibo;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Weibo's open API v2 for one account (https://open.weibo.com/wiki/微博API): the OAuth2 access token
 * goes as the {@code access_token} parameter; failures come as {@code {"error": ..., "error_code":
 * ..., "request": ...}}.
 */
class WeiboApi {

  /** Too many requests from the IP, the user, or the user on one endpoint. */
  static final Set<Integer> RATE_LIMITED = Set.of(10022, 10023, 10024);

  /** The access token is expired, revoked or wrong: only a new token helps. */
  static final Set<Integer> TOKEN_REFUSED =
      Set.of(21301, 21314, 21315, 21316, 21317, 21319, 21327, 21332, 21501);

  private final JsonMapper json;
  private final String token;
  private final HttpClient http;
  private final Duration timeout;

  WeiboApi(String token, JsonMapper json, Duration timeout) {
    this.token = token;
    this.json = json;
    this.timeout = timeout;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** Weibo's answer: the JSON body (null when unreadable), or why there is none. */
  record Answer(String endpoint, int status, JsonNode body, String failure) {

    int errorCode() {
      return body == null ? 0 : body.path("error_code").asInt(0);
    }

    boolean ok() {
      return failure == null && status >= 200 && status < 300 && errorCode() == 0;
    }

    String describe() {
      if (failure != null) {
        return failure;
      }
      if (errorCode() != 0) {
        return "Weibo error "
            + errorCode()
            + " ("
            + body.path("error").asString("")
            + ") on "
            + endpoint;
      }
      return "Weibo answered HTTP " + status + " on " + endpoint;
    }
  }

  Answer get(String url, Map<String, String> params) {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("access_token", token);
    all.putAll(params);
    try {
      return exchange(url, HttpRequest.newBuilder(uri(url + "?" + form(all))).GET(), url);
    } catch (IllegalArgumentException e) {
      return new Answer(url, 0, null, e.getMessage());
    }
  }

  /** A form POST; {@code tokenInQuery} for the fans-service API, which takes it in the URL. */
  Answer post(String url, Map<String, String> params, boolean tokenInQuery) {
    Map<String, String> all = new LinkedHashMap<>();
    if (!tokenInQuery) {
      all.put("access_token", token);
    }
    all.putAll(params);
    String target = tokenInQuery ? url + "?" + form(Map.of("access_token", token)) : url;
    try {
      return exchange(
          url,
          HttpRequest.newBuilder(uri(target))
              .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
              .POST(HttpRequest.BodyPublishers.ofString(form(all))),
          url);
    } catch (IllegalArgumentException e) {
      return new Answer(url, 0, null, e.getMessage());
    }
  }

  private Answer exchange(String url, HttpRequest.Builder request, String endpoint) {
    String name = endpoint.replaceFirst("^https?://[^/]+", "");
    HttpResponse<String> response;
    try {
      response =
          http.send(
              request.timeout(timeout).header("Accept", "application/json").build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return new Answer(name, 0, null, "Weibo unreachable on " + name + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(name, 0, null, "interrupted");
    }
    JsonNode body = null;
    try {
      body = json.readTree(response.body());
    } catch (JacksonException e) {
      // left null: said below
    }
    if (body == null || !body.isObject()) {
      return new Answer(
          name,
          response.statusCode(),
          null,
          response.statusCode() >= 300
              ? "Weibo answered HTTP " + response.statusCode() + " on " + name
              : "Weibo answered malformed JSON on " + name);
    }
    return new Answer(name, response.statusCode(), body, null);
  }

  private static URI uri(String url) {
    try {
      return URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Invalid Weibo API URL " + url, e);
    }
  }

  static String form(Map<String, String> params) {
    return params.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}
