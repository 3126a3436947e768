package io.parley.identity.internal;

import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;
import org.springframework.stereotype.Component;

/**
 * JPA callbacks on {@link User} and {@link ApiToken}: every change written to either (a revoked
 * token, a deactivated user, changed brands, role or name) empties the API token cache, whichever
 * code path made it. New rows change nothing cached. Recording a token's last use is a bulk update
 * that bypasses this on purpose.
 */
@Component
class IdentityChangeListener {

  private final ApiTokenCache cache;

  IdentityChangeListener(ApiTokenCache cache) {
    this.cache = cache;
  }

  @PostUpdate
  @PostRemove
  void changed(Object entity) {
    cache.changed();
  }
}
