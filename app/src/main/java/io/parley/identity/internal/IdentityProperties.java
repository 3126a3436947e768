package io.parley.identity.internal;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the identity module ({@code parley.identity.*}).
 *
 * @param adminPassword the first admin's password; when blank one is generated and printed once
 * @param loginMaxFailures failed sign-ins per user name or address before a lockout
 * @param bcryptStrength work factor of the password hash (2^n rounds)
 * @param apiTokenCacheTtl how long a node remembers a valid API token; a revocation or a change to
 *     its user takes effect at once on the node where it is made, on other nodes within this time
 * @param presenceTimeout a staff member whose console has not reported in for this long (every open
 *     console page does every 30 s) turns offline
 */
@Validated
@ConfigurationProperties("parley.identity")
public record IdentityProperties(
    @NotBlank @DefaultValue("admin") String adminUsername,
    String adminPassword,
    @NotBlank @DefaultValue("admin@parley.local") String adminEmail,
    @Min(1) @DefaultValue("5") int loginMaxFailures,
    @DefaultValue("15m") Duration loginLockout,
    @DefaultValue("7d") Duration invitationValidity,
    @Min(4) @Max(16) @DefaultValue("12") int bcryptStrength,
    @Min(12) @DefaultValue("12") int minPasswordLength,
    @DefaultValue("30s") Duration apiTokenCacheTtl,
    @DefaultValue("2m") Duration presenceTimeout) {}
