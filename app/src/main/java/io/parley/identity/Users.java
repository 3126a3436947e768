package io.parley.identity;

import io.parley.identity.internal.User;
import io.parley.identity.internal.UserAdministration;
import io.parley.identity.internal.UserRepository;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The people who use Parley, as other modules see them. */
@Service
public class Users {

  private final UserRepository users;
  private final UserAdministration administration;

  Users(UserRepository users, UserAdministration administration) {
    this.users = users;
    this.administration = administration;
  }

  @Transactional(readOnly = true)
  public Optional<UserSummary> find(UserId id) {
    return users.findById(id.value()).map(User::summary);
  }

  @Transactional(readOnly = true)
  public Optional<UserSummary> findByUsername(String username) {
    return users.findByUsernameIgnoreCase(username).map(User::summary);
  }

  @Transactional(readOnly = true)
  public Map<UserId, UserSummary> findAll(Collection<UserId> ids) {
    return users.findAllById(ids.stream().map(UserId::value).distinct().toList()).stream()
        .map(User::summary)
        .collect(Collectors.toMap(UserSummary::id, Function.identity()));
  }

  /** Active admins, supervisors and agents: the people who can own a case. */
  @Transactional(readOnly = true)
  public List<UserSummary> staff() {
    return users
        .findByRoleInAndActiveTrueOrderByDisplayName(
            List.of(Role.ADMIN, Role.SUPERVISOR, Role.AGENT))
        .stream()
        .map(User::summary)
        .toList();
  }

  /** Registers a user; see {@link NewUser}. Throws {@link Rejected} on invalid input. */
  @Transactional
  public UserSummary register(NewUser user) {
    return administration.create(user).summary();
  }
}
