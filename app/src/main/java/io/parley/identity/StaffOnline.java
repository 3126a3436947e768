package io.parley.identity;

import io.parley.identity.internal.AgentPresenceRepository;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Whether someone is there to answer a brand's customers now: a staff member assigned to the brand
 * whose presence is online and whose console reported in recently. Presence lives in the database,
 * so every node gives the same answer.
 */
@Service
public class StaffOnline {

  private final AgentPresenceRepository presences;

  StaffOnline(AgentPresenceRepository presences) {
    this.presences = presences;
  }

  /**
   * True when an agent or supervisor assigned to {@code brand} (not an admin who merely sees every
   * brand) is online and was seen within {@code activeWithin}. Someone away is not serving.
   */
  @Transactional(readOnly = true)
  public boolean anyoneServing(BrandId brand, Duration activeWithin) {
    return presences.countServing(brand.value(), Instant.now().minus(activeWithin)) > 0;
  }
}
