package io.parley.connectors.wechat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * WeChat's server API for one official account: the access token from {@code /cgi-bin/stable_token}
 * (the same token for every node until it expires, unlike {@code /cgi-bin/token}, which revokes the
 * previous one), cached until shortly before it expires and fetched again once when WeChat says it
 * is invalid or expired (errcode 40001, 40014, 42001).
 */
class WechatApi {

  static final Set<Integer> TOKEN_INVALID = Set.of(40001, 40014, 42001);

  private final String baseUrl;
  private final String appId;
  private final String appSecret;
  private final JsonMapper json;
  private final Clock clock;
  private final HttpClient http;
  private final Duration timeout;
  private volatile String token;
  private volatile Instant tokenExpires = Instant.EPOCH;

  WechatApi(
      String baseUrl,
      String appId,
      String appSecret,
      JsonMapper json,
      Clock clock,
      Duration timeout) {
    this.baseUrl = baseUrl.replaceAll("/+$", "");
    this.appId = appId;
    this.appSecret = appSecret;
    this.json = json;
    this.clock = clock;
    this.timeout = timeout;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** A JSON answer of WeChat, or why there is none. */
  record Answer(int httpStatus, JsonNode body, String failure) {

    int errcode() {
      return body == null ? 0 : body.path("errcode").asInt(0);
    }

    String errmsg() {
      return body == null ? "" : body.path("errmsg").asString("");
    }

    boolean ok() {
      return failure == null && errcode() == 0;
    }
  }

  /** Calls {@code path} with the access token, fetching a fresh token once if WeChat refuses it. */
  Answer call(String method, String path, Map<String, String> query, Object body) {
    return call(method, path, query, body, timeout);
  }

  /** As above, waiting at most {@code limit} for each answer. */
  Answer call(String method, String path, Map<String, String> query, Object body, Duration limit) {
    Answer failed = ensureToken(null);
    if (failed != null) {
      return failed;
    }
    String used = token;
    Answer answer = exchange(method, path, query, body, used, limit);
    if (answer.failure() == null && TOKEN_INVALID.contains(answer.errcode())) {
      failed = ensureToken(used);
      if (failed != null) {
        return failed;
      }
      answer = exchange(method, path, query, body, token, limit);
    }
    return answer;
  }

  /**
   * Null when a usable token is cached or fetched, else the failed token answer. {@code refused} is
   * the token WeChat just refused: it is replaced (forced) unless another thread already did.
   */
  private synchronized Answer ensureToken(String refused) {
    boolean force = refused != null && refused.equals(token);
    if (!force && token != null && clock.instant().isBefore(tokenExpires)) {
      return null;
    }
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("grant_type", "client_credential");
    request.put("appid", appId);
    request.put("secret", appSecret);
    request.put("force_refresh", force);
    Answer answer = exchange("POST", "/cgi-bin/stable_token", Map.of(), request, null, timeout);
    if (!answer.ok()) {
      return answer;
    }
    String value = answer.body().path("access_token").asString("");
    if (value.isBlank()) {
      return new Answer(answer.httpStatus(), answer.body(), "no access_token in the answer");
    }
    long seconds = answer.body().path("expires_in").asLong(7200);
    token = value;
    // Five minutes early, so a call never carries a token that expires on the way.
    tokenExpires = clock.instant().plusSeconds(Math.max(60, seconds - 300));
    return null;
  }

  private Answer exchange(
      String method,
      String path,
      Map<String, String> query,
      Object body,
      String accessToken,
      Duration limit) {
    StringBuilder url = new StringBuilder(baseUrl).append(path);
    Map<String, String> params = new LinkedHashMap<>();
    if (accessToken != null) {
      params.put("access_token", accessToken);
    }
    params.putAll(query);
    String separator = "?";
    for (var p : params.entrySet()) {
      url.append(separator)
          .append(p.getKey())
          .append('=')
          .append(URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
      separator = "&";
    }
    HttpRequest.Builder request;
    try {
      request = HttpRequest.newBuilder(URI.create(url.toString())).timeout(limit);
    } catch (IllegalArgumentException e) {
      return new Answer(0, null, "invalid API URL " + baseUrl);
    }
    if ("POST".equals(method)) {
      request
          .header("Content-Type", "application/json; charset=utf-8")
          .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
    } else {
      request.GET();
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return new Answer(0, null, "WeChat unreachable: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(0, null, "interrupted");
    }
    if (response.statusCode() >= 300) {
      return new Answer(
          response.statusCode(), null, "WeChat answered HTTP " + response.statusCode());
    }
    try {
      JsonNode node = json.readTree(response.body());
      if (node == null || !node.isObject()) {
        return new Answer(response.statusCode(), null, "WeChat answered something else than JSON");
      }
      return new Answer(response.statusCode(), node, null);
    } catch (JacksonException e) {
      return new Answer(response.statusCode(), null, "WeChat answered malformed JSON");
    }
  }
}
