package io.parley.identity.internal;

import io.parley.identity.Role;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface UserRepository extends JpaRepository<User, Long> {

  Optional<User> findByUsernameIgnoreCase(String username);

  boolean existsByUsernameIgnoreCase(String username);

  boolean existsByEmailIgnoreCase(String email);

  boolean existsByRole(Role role);

  List<User> findAllByOrderByRoleAscDisplayNameAsc();

  List<User> findByRoleInAndActiveTrueOrderByDisplayName(List<Role> roles);
}
