package io.parley.channels.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the channels module ({@code parley.channels.*}). {@code secretKey} (base64, 32 bytes)
 * encrypts connector secrets; without it a key is generated once into {@code secretKeyFile}. {@code
 * publicUrl} is where networks reach Parley's webhooks. {@code captureListened}: a listened post
 * that a rule makes a case is stored as the least a case can be and completed after commit ({@link
 * io.parley.channels.CaseCapture}); false opens it whole in the storing transaction.
 */
@ConfigurationProperties("parley.channels")
public record ChannelsProperties(
    @DefaultValue("30s") Duration pollInterval,
    @DefaultValue("1s") Duration schedulerTick,
    @DefaultValue("10") int maxDeliveryAttempts,
    @DefaultValue("30s") Duration firstRetryDelay,
    @DefaultValue("1h") Duration maxRetryDelay,
    @DefaultValue("30s") Duration pollLease,
    @DefaultValue("60s") Duration sendLease,
    String secretKey,
    @DefaultValue("./data/secret.key") String secretKeyFile,
    @DefaultValue("http://localhost:8080") String publicUrl,
    @DefaultValue("true") boolean schedulerEnabled,
    @DefaultValue("true") boolean captureListened) {}
