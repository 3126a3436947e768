package io.parley.conversations.internal;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface MacroRepository extends JpaRepository<Macro, Long> {

  List<Macro> findAllByOrderByName();
}
