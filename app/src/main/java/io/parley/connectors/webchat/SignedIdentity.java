package io.parley.connectors.webchat;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A visitor identity signed by the company's server, so a visitor cannot pass for someone else:
 * {@code base64url(claims) + "." + base64url(HMAC-SHA256(identitySecret, base64url(claims)))},
 * where the claims are JSON {@code {"id": "...", "name": "...", "email": "...", "exp": <epoch
 * seconds>}}. {@code id} and {@code exp} are required; an expired or forged token is refused.
 */
final class SignedIdentity {

  private static final int MAX_LENGTH = 4096;

  private SignedIdentity() {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Claims(String id, String name, String email, Long exp) {}

  /** The visitor the token names, or empty when it is malformed, forged or expired. */
  static Optional<Visitor> verify(String token, String secret, Instant now, JsonMapper json) {
    if (token == null || secret == null || secret.isBlank() || token.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    int dot = token.indexOf('.');
    if (dot <= 0 || dot != token.lastIndexOf('.')) {
      return Optional.empty();
    }
    String payload = token.substring(0, dot);
    byte[] given;
    byte[] claimsJson;
    try {
      given = Base64.getUrlDecoder().decode(token.substring(dot + 1));
      claimsJson = Base64.getUrlDecoder().decode(payload);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (!MessageDigest.isEqual(given, hmac(secret, payload))) {
      return Optional.empty();
    }
    Claims claims;
    try {
      claims = json.readValue(claimsJson, Claims.class);
    } catch (JacksonException e) {
      return Optional.empty();
    }
    if (claims == null
        || claims.id() == null
        || claims.id().isBlank()
        || claims.id().length() > 150
        || claims.exp() == null
        || Instant.ofEpochSecond(claims.exp()).isBefore(now)) {
      return Optional.empty();
    }
    String email =
        claims.email() != null && claims.email().matches("[^@\\s]{1,200}@[^@\\s]{1,200}")
            ? claims.email().strip().toLowerCase(java.util.Locale.ROOT)
            : null;
    return Optional.of(Visitor.identified(claims.id().strip(), cut(claims.name()), email));
  }

  static byte[] hmac(String secret, String payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  private static String cut(String name) {
    if (name == null || name.isBlank()) {
      return null;
    }
    String stripped = name.strip();
    return stripped.length() > 200 ? stripped.substring(0, 200) : stripped;
  }
}
