package io.parley.identity.internal;

import io.parley.identity.NewUser;
import io.parley.identity.Role;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * On the first start, creates the admin account so someone can sign in. The password comes from
 * {@code PARLEY_ADMIN_PASSWORD}; without it one is generated and printed once, never again.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class AdminBootstrap implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

  private final UserAdministration administration;
  private final IdentityProperties properties;

  AdminBootstrap(UserAdministration administration, IdentityProperties properties) {
    this.administration = administration;
    this.properties = properties;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (administration.adminExists()) {
      return;
    }
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
