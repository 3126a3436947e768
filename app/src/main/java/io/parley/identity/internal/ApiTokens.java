package io.parley.identity.internal;

import io.parley.identity.CurrentUser;
import io.parley.identity.Rejected;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Personal API tokens: issued by a user for themselves, revocable, usable as Bearer tokens. */
@Service
public class ApiTokens {

  static final String PREFIX = "plt_";
  private static final Logger log = LoggerFactory.getLogger(ApiTokens.class);

  private final ApiTokenRepository tokens;
  private final UserRepository users;

  ApiTokens(ApiTokenRepository tokens, UserRepository users) {
    this.tokens = tokens;
    this.users = users;
  }

  /** The new token's secret, shown to its owner exactly once. */
  public record Issued(ApiToken token, String secret) {}

  @Transactional
  public Issued issue(Long userId, String name, Instant expiresAt) {
    String trimmed = name == null ? "" : name.trim();
    if (trimmed.isEmpty() || trimmed.length() > 100) {
      throw new Rejected("token.name.invalid");
    }
    if (expiresAt != null && !expiresAt.isAfter(Instant.now())) {
      throw new Rejected("token.expiry.invalid");
    }
    String secret = Secrets.random(PREFIX, 32);
    ApiToken token =
        tokens.save(
            new ApiToken(
                userId, trimmed, Secrets.sha256(secret), secret.substring(0, 10), expiresAt));
    log.info("API token '{}' issued to user #{}", trimmed, userId);
    return new Issued(token, secret);
  }

  @Transactional(readOnly = true)
  public List<ApiToken> of(Long userId) {
    return tokens.findByUserIdOrderByCreatedAtDesc(userId);
  }

  @Transactional
  public void revoke(Long userId, Long tokenId) {
    ApiToken token =
        tokens
            .findById(tokenId)
            .filter(t -> t.getUserId().equals(userId))
            .orElseThrow(() -> new Rejected("token.notFound"));
    token.revoke();
    log.info("API token #{} of user #{} revoked", tokenId, userId);
  }

  /** The user a presented secret belongs to, if the token is valid and its owner active. */
  @Transactional
  public Optional<CurrentUser> authenticate(String secret) {
    if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 100) {
      return Optional.empty();
    }
    Instant now = Instant.now();
    return tokens
        .findByTokenHash(Secrets.sha256(secret))
        .filter(t -> t.isValid(now))
        .flatMap(
            t -> {
              t.touch(now);
              return users.findById(t.getUserId());
            })
        .filter(User::isActive)
        .map(User::toCurrentUser);
  }
}
