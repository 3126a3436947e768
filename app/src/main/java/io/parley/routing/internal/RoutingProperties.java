package io.parley.routing.internal;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the routing module ({@code parley.routing.*}).
 *
 * @param capacity cases of a channel type an agent may hold at once, when neither the agent nor
 *     their brand says otherwise (default: phone 1, webchat 3)
 * @param defaultCapacity the same for channel types missing from {@code capacity}
 * @param sweepInterval how often each node moves overdue cases to overflow queues and offers
 *     waiting cases again (a safety net behind the events that do it at once)
 * @param drainBatch waiting cases of one queue offered per pass
 */
@Validated
@ConfigurationProperties("parley.routing")
public record RoutingProperties(
    Map<String, Integer> capacity,
    @Min(0) @DefaultValue("10") int defaultCapacity,
    @DefaultValue("10s") Duration sweepInterval,
    @Min(1) @DefaultValue("50") int drainBatch) {

  public RoutingProperties {
    capacity = capacity == null || capacity.isEmpty() ? Map.of("phone", 1, "webchat", 3) : capacity;
  }

  int capacityOf(String channelType) {
    return capacity.getOrDefault(channelType, defaultCapacity);
  }
}
