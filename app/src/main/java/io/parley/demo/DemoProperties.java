package io.parley.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the demo data ({@code parley.demo.*}).
 *
 * @param enabled {@code auto} (on for the embedded H2 database only), {@code true} or {@code false}
 * @param password password of every demo user except the admin
 * @param replay whether the demo replay accounts stream posts: {@code auto} (the embedded H2
 *     database only), {@code true} or {@code false}
 * @param replayPostsPerMinute how fast they stream
 */
@ConfigurationProperties("parley.demo")
public record DemoProperties(
    @DefaultValue("auto") String enabled,
    @DefaultValue("parley-demo-2026") String password,
    @DefaultValue("50") int customers,
    @DefaultValue("200") int cases,
    @DefaultValue("auto") String replay,
    @DefaultValue("12") int replayPostsPerMinute) {}
