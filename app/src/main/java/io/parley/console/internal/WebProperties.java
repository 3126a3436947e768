package io.parley.console.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the web shell ({@code parley.web.*}).
 *
 * @param maxRequestSize requests with a larger body are refused with 413 before any work is done
 */
@ConfigurationProperties("parley.web")
public record WebProperties(@DefaultValue("25MB") DataSize maxRequestSize) {}
