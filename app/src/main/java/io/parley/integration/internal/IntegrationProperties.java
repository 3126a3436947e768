package io.parley.integration.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the integration module ({@code parley.integration.*}).
 *
 * @param orderStatusPerMinute order status lookups one address may make per minute
 * @param orderStatusPerOrder lookups of one order number per minute (from anywhere)
 * @param ami the Asterisk Manager Interface connection (off unless {@code enabled})
 */
@ConfigurationProperties("parley.integration")
public record IntegrationProperties(
    @DefaultValue("10") int orderStatusPerMinute,
    @DefaultValue("5") int orderStatusPerOrder,
    @DefaultValue Ami ami) {

  /**
   * @param enabled connect to Asterisk at start
   * @param host Asterisk's address
   * @param port its manager port
   * @param username the manager user (manager.conf)
   * @param secret its secret
   */
  public record Ami(
      @DefaultValue("false") boolean enabled,
      @DefaultValue("localhost") String host,
      @DefaultValue("5038") int port,
      @DefaultValue("parley") String username,
      @DefaultValue("") String secret) {}
}
