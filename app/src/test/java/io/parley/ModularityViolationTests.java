package io.parley;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.importer.ImportOption;
import fixture.modularity.broken.BrokenApp;
import fixture.modularity.clean.CleanApp;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.core.Violations;

/** Proves the check in {@link ModularityTests} can fail: it is not a test that always passes. */
class ModularityViolationTests {

  // The fixtures live in test sources, which Modulith skips by default.
  private static final ImportOption TEST_CLASSES_TOO = location -> true;

  @Test
  void verificationFailsWhenOneModuleReachesIntoAnothersInternals() {
    var modules = ApplicationModules.of(BrokenApp.class, TEST_CLASSES_TOO);

    assertThatThrownBy(modules::verify)
        .isInstanceOf(Violations.class)
        .hasMessageContaining("AlphaSecret")
        .hasMessageContaining("beta");
  }

  @Test
  void verificationPassesWhenModulesUseOnlyPublicApi() {
    var modules = ApplicationModules.of(CleanApp.class, TEST_CLASSES_TOO);

    modules.verify();
    assertThat(modules.stream()).hasSize(2);
  }
}
