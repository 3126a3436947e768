package io.parley.conversations.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the conversations module ({@code parley.conversations.*}).
 *
 * @param publicUrl the address customers reach Parley at, used in satisfaction survey links
 */
@ConfigurationProperties("parley.conversations")
public record ConversationsProperties(@DefaultValue("http://localhost:8080") String publicUrl) {}
