package io.parley.connectors.x;

import io.parley.channels.AccountSecrets;
import io.parley.channels.ChannelAccountId;
import io.parley.channels.ConnectorAccount;
import io.parley.channels.ConnectorException;
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
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OAuth 2.0 user access token an X account is used with. X lets it live two hours; an account
 * with a refresh token (scope {@code offline.access}) and its app's client id renews it with {@code
 * POST /2/oauth2/token} shortly before it expires and whenever X refuses it (401). X rotates the
 * refresh token on every use, so both new tokens are stored, encrypted, before the new access token
 * is used ({@link AccountSecrets}, one renewal per account at a time across threads and nodes); a
 * renewal that finds the stored token already renewed elsewhere uses that one. A refresh token X
 * refused is never sent again: admins are told to reconnect the account.
 */
final class XUserToken {

  private static final Logger log = LoggerFactory.getLogger(XUserToken.class);

  /** Renewed this long before X's expiry, so no call in flight meets an expired token. */
  static final Duration AHEAD = Duration.ofMinutes(5);

  private final ChannelAccountId account;
  private final String tokenUrl;
  private final String clientId;
  private final String clientSecret;
  private final boolean renewable;
  private final AccountSecrets secrets;
  private final HttpClient http;
  private final JsonMapper json;
  private final Clock clock;
  private final Object renewing = new Object();
  private volatile String access;
  // Null while unknown: a token pasted by an admin or renewed by another node.
  private volatile Instant expiresAt;
  private volatile String refusedRefreshToken;
  private volatile String refusal;
  private volatile String refusedAfterRenewal;

  XUserToken(
      ConnectorAccount account,
      String base,
      AccountSecrets secrets,
      HttpClient http,
      JsonMapper json,
      Clock clock) {
    this.account = account.id();
    this.tokenUrl = base + "/2/oauth2/token";
    this.access = account.setting(XConnectorFactory.USER_TOKEN, "").strip();
    this.clientId = account.setting(XConnectorFactory.CLIENT_ID, "").strip();
    String secret = account.setting(XConnectorFactory.CLIENT_SECRET, "").strip();
    this.clientSecret = secret.isEmpty() ? null : secret;
    this.renewable =
        !clientId.isEmpty() && !account.setting(XConnectorFactory.REFRESH_TOKEN, "").isBlank();
    this.secrets = secrets;
    this.http = http;
    this.json = json;
    this.clock = clock;
  }

  /** Whether the account has what renewing takes: a refresh token and the app's client id. */
  boolean renewable() {
    return renewable;
  }

  /** The token to call X with, renewed first when it is about to expire (or was never given). */
  String current() {
    String token = access;
    Instant expiry = expiresAt;
    if (!renewable) {
      return token;
    }
    if (token.isEmpty()) {
      return renew(token);
    }
    if (expiry != null && !clock.instant().isBefore(expiry.minus(AHEAD))) {
      try {
        return renew(token);
      } catch (ConnectorException e) {
        // Still valid for a few minutes: no more early attempts, a refusal (401) renews again
        // and reports what fails.
        expiresAt = null;
        log.warn("Renewing the X token of account {} early failed: {}", account, e.getMessage());
      }
    }
    return token;
  }

  /**
   * X refused {@code token} (401): the renewed token to call again with (renewed once however many
   * calls were refused together), or empty when the account has nothing to renew it with. Throws
   * {@link ConnectorException} when X refuses to renew it.
   */
  Optional<String> renewAfterRefusal(String token) {
    if (!renewable || token.equals(refusedAfterRenewal)) {
      return Optional.empty(); // a fresh token refused too: renewing again would not help
    }
    return Optional.of(renew(token));
  }

  /**
   * X refused even a just-renewed token (a suspended account, a revoked app permission): later
   * refusals of it do not renew again, so each poll does not rotate the tokens once more.
   */
  void refusedAfterRenewal(String token) {
    refusedAfterRenewal = token;
  }

  private String renew(String stale) {
    synchronized (renewing) {
      String known = access;
      if (!known.equals(stale)) {
        return known; // another thread of this node renewed it meanwhile
      }
      Grant[] granted = new Grant[1];
      Map<String, String> stored;
      try {
        stored =
            secrets.renew(
                account,
                current -> {
                  String storedAccess = current.getOrDefault(XConnectorFactory.USER_TOKEN, "");
                  if (!storedAccess.isEmpty() && !storedAccess.equals(stale)) {
                    return current; // renewed by another node, or reconnected by an admin
                  }
                  String refreshToken = current.get(XConnectorFactory.REFRESH_TOKEN);
                  if (refreshToken == null || refreshToken.isBlank()) {
                    throw new ConnectorException(
                        "X refused the access token and the account has no refresh token to renew"
                            + " it: reconnect the X account",
                        null);
                  }
                  granted[0] = grant(refreshToken);
                  return granted[0].into(current);
                });
      } catch (RuntimeException e) {
        if (granted[0] == null) {
          throw e;
        }
        // X has used up the old refresh token: the new one must not be lost with a failed commit.
        stored = storeAgain(granted[0], e);
      }
      access = stored.getOrDefault(XConnectorFactory.USER_TOKEN, "");
      expiresAt = granted[0] == null ? null : granted[0].expiresAt();
      return access;
    }
  }

  /**
   * X granted new tokens but storing them failed (the database went away, a timeout): they are used
   * from memory at once and stored in a new transaction. If that fails too, this node keeps working
   * for two hours and the log says the account will need reconnecting.
   */
  private Map<String, String> storeAgain(Grant grant, RuntimeException first) {
    access = grant.access();
    expiresAt = grant.expiresAt();
    log.error(
        "X renewed the tokens of account {} but storing them failed ({}); storing them again",
        account,
        first.toString());
    try {
      return secrets.renew(account, grant::into);
    } catch (RuntimeException again) {
      log.error(
          "The renewed X tokens of account {} could not be stored: this node uses the access"
              + " token until it expires; after that the account must be reconnected",
          account,
          again);
      return Map.of(XConnectorFactory.USER_TOKEN, grant.access());
    }
  }

  /** Asks X for a new access token (and a new refresh token: the one sent is used up). */
  private Grant grant(String refreshToken) {
    if (refreshToken.equals(refusedRefreshToken)) {
      throw new ConnectorException(refusal, null);
    }
    String form =
        "grant_type=refresh_token&refresh_token="
            + enc(refreshToken)
            + "&client_id="
            + enc(clientId);
    HttpResponse<String> response;
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(tokenUrl))
              .timeout(Duration.ofSeconds(15))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .header("Accept", "application/json")
              .header("User-Agent", "Parley");
      if (clientSecret != null) {
        // A confidential client authenticates with HTTP Basic (client id : client secret).
        String pair = clientId + ":" + clientSecret;
        request.header(
            "Authorization",
            "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
      }
      response =
          http.send(
              request.POST(HttpRequest.BodyPublishers.ofString(form)).build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IllegalArgumentException e) {
      throw new ConnectorException("Invalid X API base URL: " + tokenUrl, e);
    } catch (IOException e) {
      throw new ConnectorException("X unreachable renewing the access token: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectorException("Interrupted renewing the X access token", e);
    }
    int status = response.statusCode();
    if (status == 200) {
      return granted(response.body());
    }
    if (status == 429) {
      throw new ConnectorException(
          "X rate-limited renewing the access token",
          null,
          XConnector.resetWait(response.headers()));
    }
    if (status == 400 || status == 401) {
      refusedRefreshToken = refreshToken;
      refusal = refused(response.body());
      throw new ConnectorException(refusal, null);
    }
    throw new ConnectorException(
        "X answered " + status + " renewing the access token: " + cut(response.body()), null);
  }

  private Grant granted(String body) {
    JsonNode root;
    try {
      root = json.readTree(body);
    } catch (JacksonException e) {
      root = null;
    }
    String token = root == null ? null : XConnector.text(root, "access_token");
    if (token == null) {
      throw new ConnectorException("X sent a malformed answer renewing the access token", null);
    }
    JsonNode expiresIn = root.path("expires_in");
    return new Grant(
        token,
        XConnector.text(root, "refresh_token"),
        expiresIn.isNumber() ? clock.instant().plusSeconds(expiresIn.asLong()) : null);
  }

  /** X's OAuth error (RFC 6749 §5.2) and what an admin does about it. */
  private String refused(String body) {
    String error = null;
    String description = null;
    try {
      JsonNode root = json.readTree(body == null ? "" : body);
      error = XConnector.text(root, "error");
      description = XConnector.text(root, "error_description");
    } catch (JacksonException e) {
      // not JSON: said as is below
    }
    String why =
        error == null ? cut(body) : description == null ? error : error + ": " + description;
    if ("invalid_client".equals(error) || "unauthorized_client".equals(error)) {
      return "X refused to renew the access token ("
          + why
          + "): check the account's client ID and client secret against the X app, then save"
          + " the account again";
    }
    return "X refused to renew the access token ("
        + why
        + "): the refresh token was revoked, has expired or was already used. Reconnect the X"
        + " account: authorise the X app again and enter the new access and refresh tokens in"
        + " the account's settings";
  }

  private static String cut(String body) {
    if (body == null || body.isBlank()) {
      return "(no body)";
    }
    return body.length() > 200 ? body.substring(0, 200) : body;
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private record Grant(String access, String refreshToken, Instant expiresAt) {

    /** {@code secrets} with these tokens in place of the old ones. */
    Map<String, String> into(Map<String, String> secrets) {
      Map<String, String> renewed = new LinkedHashMap<>(secrets);
      renewed.put(XConnectorFactory.USER_TOKEN, access);
      if (refreshToken != null) {
        renewed.put(XConnectorFactory.REFRESH_TOKEN, refreshToken);
      }
      return renewed;
    }
  }
}
