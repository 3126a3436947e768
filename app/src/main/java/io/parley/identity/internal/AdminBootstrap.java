package io.parley.identity.internal;

import io.parley.identity.NewUser;
import io.parley.identity.Role;
import io.parley.shared.BeforeWebServer;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * On the first start, creates the admin account so someone can sign in. The password comes from
 * {@code PARLEY_ADMIN_PASSWORD}; without it one is generated and printed once, never again. Runs
 * before the web server starts (phase {@code DEFAULT_PHASE - 2048} in Spring Boot), so the admin
 * can sign in with the first request.
 */
@Component
class AdminBootstrap extends BeforeWebServer {

  private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

  private final UserAdministration administration;
  private final IdentityProperties properties;

  AdminBootstrap(UserAdministration administration, IdentityProperties properties) {
    super(ADMIN);
    this.administration = administration;
    this.properties = properties;
  }

  @Override
  protected void run() {
    if (!administration.adminExists()) {
      createAdmin();
    }
  }

  private void createAdmin() {
    String password = properties.adminPassword();
    boolean generated = password == null || password.isBlank();
    if (generated) {
      password = Secrets.random("", 18);
    }
    administration.create(
        new NewUser(
            properties.adminUsername(),
            "Administrator",
            properties.adminEmail(),
            Role.ADMIN,
            password,
            null,
            Set.of()));
    if (generated) {
      // Printed once on purpose: this is the only way to learn a generated password.
      System.out.println(
          "\n=== Parley: first start. Sign in as '"
              + properties.adminUsername()
              + "' with password: "
              + password
              + " (shown only this once) ===\n");
    } else {
      log.info(
          "Created admin '{}' with the password from PARLEY_ADMIN_PASSWORD",
          properties.adminUsername());
    }
  }
}
