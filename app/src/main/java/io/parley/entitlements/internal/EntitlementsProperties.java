package io.parley.entitlements.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Entitlements settings ({@code parley.entitlements.*}): how often the SLA sweep looks for clocks
 * to warn or escalate, how many per round, and whether it runs at all on this node.
 */
@ConfigurationProperties("parley.entitlements")
public record EntitlementsProperties(
    @DefaultValue("true") boolean sweepEnabled,
    @DefaultValue("30s") Duration sweepInterval,
    @DefaultValue("200") int sweepBatch) {

  public EntitlementsProperties {
    if (sweepInterval.isNegative() || sweepInterval.isZero()) {
      throw new IllegalArgumentException("parley.entitlements.sweep-interval must be positive");
    }
    if (sweepBatch < 1) {
      throw new IllegalArgumentException("parley.entitlements.sweep-batch must be at least 1");
    }
  }
}
