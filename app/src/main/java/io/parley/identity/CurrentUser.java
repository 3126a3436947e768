package io.parley.identity;

import java.io.Serializable;
import java.security.Principal;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The signed-in user as held in the security context: who they are, their role and the brands whose
 * cases they may see. Admins and supervisors see every brand. As a {@link Principal} it is named by
 * its user name, so {@code Authentication.getName()} (sign-in audit, throttling) gives the user
 * name.
 */
public record CurrentUser(
    UserId id, String username, String displayName, Role role, Set<BrandId> brands)
    implements Serializable, Principal {

  @Override
  public String getName() {
    return username;
  }

  /** The user of the current request, if one is signed in. */
  public static Optional<CurrentUser> get() {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth != null && auth.getPrincipal() instanceof CurrentUser user) {
      return Optional.of(user);
    }
    return Optional.empty();
  }

  /** The user of the current request; fails if nobody is signed in. */
  public static CurrentUser require() {
    return get().orElseThrow(() -> new IllegalStateException("No signed-in user"));
  }

  public boolean seesAllBrands() {
    return role == Role.ADMIN || role == Role.SUPERVISOR;
  }

  public boolean canSee(BrandId brand) {
    return seesAllBrands() || brands.contains(brand);
  }

  public boolean isStaff() {
    return role.isStaff();
  }
}
