package io.parley.integration.internal;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface CallRepository extends JpaRepository<Call, Long> {

  Optional<Call> findByCallId(String callId);
}
