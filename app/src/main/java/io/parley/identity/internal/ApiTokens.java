package io.parley.identity.internal;

import io.parley.identity.CurrentUser;
import io.parley.identity.Rejected;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Personal API tokens: issued by a user for themselves, revocable, usable as Bearer tokens. Tokens
 * found valid are remembered for a short time ({@link ApiTokenCache}), so that most API requests
 * authenticate without the database; a revocation or a change to the user ends that at once.
 */
@Service
public class ApiTokens {

  static final String PREFIX = "plt_";
  private static final Logger log = LoggerFactory.getLogger(ApiTokens.class);

  private final ApiTokenRepository tokens;
  private final UserRepository users;
  private final ApiTokenCache cache;
  private final TransactionTemplate reading;

  ApiTokens(
      ApiTokenRepository tokens,
      UserRepository users,
      ApiTokenCache cache,
      PlatformTransactionManager transactionManager) {
    this.tokens = tokens;
    this.users = users;
    this.cache = cache;
    this.reading = new TransactionTemplate(transactionManager);
    this.reading.setReadOnly(true);
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
  public Optional<CurrentUser> authenticate(String secret) {
    if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 100) {
      return Optional.empty();
    }
    String hash = Secrets.sha256(secret);
    Instant now = Instant.now();
    ApiTokenCache.Entry entry = cache.get(hash);
    if (entry == null) {
      // The generation is read before the database, so that a change committed meanwhile makes
      // this entry stale (see ApiTokenCache).
      long generation = cache.generation();
      entry = reading.execute(status -> load(hash, now, generation));
      if (entry == null) {
        return Optional.empty();
      }
      cache.put(hash, entry);
    } else if (!entry.isValid(now)) {
      cache.forget(hash);
      return Optional.empty();
    }
    if (ApiToken.useDue(entry.lastUsedAt, now)) {
      entry.lastUsedAt = now;
      tokens.recordUse(entry.tokenId, now, now.minus(ApiToken.USE_RECORDED_EVERY));
    }
    return Optional.of(entry.user);
  }

  private ApiTokenCache.Entry load(String hash, Instant now, long generation) {
    return tokens
        .findByTokenHash(hash)
        .filter(t -> t.isValid(now))
        .flatMap(
            t ->
                users
                    .findById(t.getUserId())
                    .filter(User::isActive)
                    .map(
                        u ->
                            new ApiTokenCache.Entry(
                                t.getId(),
                                t.getExpiresAt(),
                                u.toCurrentUser(),
                                t.getLastUsedAt(),
                                generation)))
        .orElse(null);
  }
}
