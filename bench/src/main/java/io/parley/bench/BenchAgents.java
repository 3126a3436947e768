package io.parley.bench;

import io.parley.identity.BrandId;
import io.parley.identity.BrandSummary;
import io.parley.identity.Brands;
import io.parley.identity.NewUser;
import io.parley.identity.Role;
import io.parley.identity.UserSummary;
import io.parley.identity.Users;
import io.parley.identity.internal.ApiTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.context.ApplicationContext;

/**
 * The simulated agents: real users registered through the application's own API, each with a
 * personal API token. Four in five work both demo brands; every fifth works Acme Mobile only, so
 * brand visibility is part of every list query.
 */
final class BenchAgents {

  static final String PASSWORD = "bench-agent-password-2026";

  /** One agent: its user id, the brands it works, and the Bearer secret of its API token. */
  record Agent(int index, long userId, String username, boolean worksHome, String token) {}

  /** The two demo brands. */
  record DemoBrands(BrandSummary mobile, BrandSummary home) {}

  static DemoBrands brands(ApplicationContext context) {
    List<BrandSummary> all = context.getBean(Brands.class).all();
    return new DemoBrands(byPrefix(all, "ACME"), byPrefix(all, "HOME"));
  }

  static List<Agent> create(ApplicationContext context, DemoBrands brands, int count) {
    Users users = context.getBean(Users.class);
    ApiTokens tokens = context.getBean(ApiTokens.class);
    List<Agent> agents = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String n = String.format("%03d", i + 1);
      boolean worksHome = i % 5 != 4;
      Set<BrandId> brandIds =
          worksHome
              ? Set.of(brands.mobile().id(), brands.home().id())
              : Set.of(brands.mobile().id());
      UserSummary user =
          users.register(
              new NewUser(
                  "bench.agent." + n,
                  "Bench Agent " + n,
                  "bench.agent." + n + "@bench.parley.test",
                  Role.AGENT,
                  PASSWORD,
                  "^B" + n,
                  brandIds));
      ApiTokens.Issued issued = tokens.issue(user.id().value(), "load run", null);
      agents.add(new Agent(i, user.id().value(), user.username(), worksHome, issued.secret()));
    }
    return agents;
  }

  private static BrandSummary byPrefix(List<BrandSummary> all, String prefix) {
    return all.stream()
        .filter(b -> b.casePrefix().equals(prefix))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "Demo brand with case prefix " + prefix + " missing; brands: " + all));
  }
}
