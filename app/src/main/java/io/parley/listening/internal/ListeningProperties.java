package io.parley.listening.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the listening module ({@code parley.listening.*}).
 *
 * @param recentPosts how many of the latest inbound posts this node keeps for the rule preview
 * @param reloadCheck how often a node checks whether another node changed the rules
 */
@ConfigurationProperties("parley.listening")
public record ListeningProperties(
    @DefaultValue("2000") int recentPosts, @DefaultValue("10s") Duration reloadCheck) {}
