package io.parley.identity.internal;

import io.parley.identity.BrandId;
import io.parley.identity.NewUser;
import io.parley.identity.Rejected;
import io.parley.identity.Role;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creating, inviting, deactivating and reactivating users, and setting passwords. */
@Service
public class UserAdministration {

  private static final Logger log = LoggerFactory.getLogger(UserAdministration.class);
  private static final Pattern USERNAME = Pattern.compile("[a-zA-Z0-9._-]{2,100}");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  private final UserRepository users;
  private final BrandRepository brands;
  private final InvitationRepository invitations;
  private final PasswordEncoder passwordEncoder;
  private final IdentityProperties properties;

  UserAdministration(
      UserRepository users,
      BrandRepository brands,
      InvitationRepository invitations,
      PasswordEncoder passwordEncoder,
      IdentityProperties properties) {
    this.users = users;
    this.brands = brands;
    this.invitations = invitations;
    this.passwordEncoder = passwordEncoder;
    this.properties = properties;
  }

  @Transactional
  public User create(NewUser request) {
    String username = request.username() == null ? "" : request.username().trim();
    String email = request.email() == null ? "" : request.email().trim().toLowerCase(Locale.ROOT);
    String displayName = request.displayName() == null ? "" : request.displayName().trim();
    if (!USERNAME.matcher(username).matches()) {
      throw new Rejected("user.username.invalid");
    }
    if (displayName.isEmpty() || displayName.length() > 200) {
      throw new Rejected("user.displayName.invalid");
    }
    if (!EMAIL.matcher(email).matches() || email.length() > 320) {
      throw new Rejected("user.email.invalid");
    }
    if (request.role() == null) {
      throw new Rejected("user.role.invalid");
    }
    if (users.existsByUsernameIgnoreCase(username)) {
      throw new Rejected("user.username.taken");
    }
    if (users.existsByEmailIgnoreCase(email)) {
      throw new Rejected("user.email.taken");
    }
    User user = new User(username, displayName, email, request.role());
    user.updateProfile(displayName, blankToNull(request.signature()), null);
    user.grantBrands(validBrands(request.brands()));
    if (request.password() != null && !request.password().isEmpty()) {
      user.changePassword(encode(request.password()));
    }
    User saved = users.save(user);
    log.info("User {} created with role {}", saved.getUsername(), saved.getRole());
    return saved;
  }

  /** Issues a fresh invitation link for a user; returns the secret token shown to the admin. */
  @Transactional
  public String invite(Long userId) {
    User user = users.findById(userId).orElseThrow(() -> new Rejected("user.notFound"));
    if (!user.isActive()) {
      throw new Rejected("user.inactive.rejected");
    }
    String token = Secrets.random("inv_", 24);
    invitations.save(
        new Invitation(
            user.getId(),
            Secrets.sha256(token),
            Instant.now().plus(properties.invitationValidity())));
    log.info("Invitation issued for user {}", user.getUsername());
    return token;
  }

  /** The invited user, if the token is valid and unused. */
  @Transactional(readOnly = true)
  public java.util.Optional<User> invitee(String token) {
    return invitations
        .findByTokenHash(Secrets.sha256(token))
        .filter(i -> i.isUsable(Instant.now()))
        .flatMap(i -> users.findById(i.getUserId()))
        .filter(User::isActive);
  }

  @Transactional
  public User acceptInvitation(String token, String password) {
    Invitation invitation =
        invitations
            .findByTokenHash(Secrets.sha256(token))
            .filter(i -> i.isUsable(Instant.now()))
            .orElseThrow(() -> new Rejected("invitation.invalid"));
    User user =
        users
            .findById(invitation.getUserId())
            .filter(User::isActive)
            .orElseThrow(() -> new Rejected("invitation.invalid"));
    user.changePassword(encode(password));
    invitation.accept(Instant.now());
    log.info("User {} accepted their invitation", user.getUsername());
    return user;
  }

  @Transactional
  public void deactivate(Long userId, Long actingUserId) {
    if (userId.equals(actingUserId)) {
      throw new Rejected("user.deactivate.self");
    }
    User user = users.findById(userId).orElseThrow(() -> new Rejected("user.notFound"));
    user.deactivate();
    log.info("User {} deactivated", user.getUsername());
  }

  @Transactional
  public void reactivate(Long userId) {
    User user = users.findById(userId).orElseThrow(() -> new Rejected("user.notFound"));
    user.reactivate();
    log.info("User {} reactivated", user.getUsername());
  }

  @Transactional
  public void changePassword(Long userId, String currentPassword, String newPassword) {
    User user = users.findById(userId).orElseThrow(() -> new Rejected("user.notFound"));
    if (user.getPasswordHash() == null
        || !passwordEncoder.matches(currentPassword, user.getPasswordHash())) {
      throw new Rejected("password.current.wrong");
    }
    user.changePassword(encode(newPassword));
    log.info("User {} changed their password", user.getUsername());
  }

  @Transactional
  public void updateBrands(Long userId, Set<BrandId> brandIds) {
    User user = users.findById(userId).orElseThrow(() -> new Rejected("user.notFound"));
    user.grantBrands(validBrands(brandIds));
  }

  String encode(String password) {
    if (password == null || password.length() < properties.minPasswordLength()) {
      throw new Rejected("password.tooShort");
    }
    if (password.length() > 128) {
      throw new Rejected("password.tooLong");
    }
    return passwordEncoder.encode(password);
  }

  boolean adminExists() {
    return users.existsByRole(Role.ADMIN);
  }

  private Set<Long> validBrands(Set<BrandId> requested) {
    if (requested == null) {
      return Set.of();
    }
    Set<Long> ids = requested.stream().map(BrandId::value).collect(Collectors.toSet());
    if (brands.findAllById(ids).size() != ids.size()) {
      throw new Rejected("user.brands.invalid");
    }
    return ids;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
