package io.parley.integration.internal;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface AgentExtensionRepository extends JpaRepository<AgentExtension, Long> {

  Optional<AgentExtension> findByExtension(String extension);
}
