package io.parley.compliance.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the compliance module ({@code parley.compliance.*}). {@code keyFile} holds the key
 * sealing the audit chain and wrapping per-customer keys (generated once); {@code appRole} is the
 * database role the application runs as, from which migrations revoke changes to audit rows; {@code
 * verify} runs the chain verification as a command and exits.
 */
@ConfigurationProperties("parley.compliance")
public record ComplianceProperties(
    @DefaultValue("./data/compliance.key") String keyFile,
    String appRole,
    @DefaultValue("2s") Duration linkInterval,
    @DefaultValue("1h") Duration sealInterval,
    @DefaultValue("6h") Duration retentionSweepInterval,
    @DefaultValue("false") boolean verify) {}
