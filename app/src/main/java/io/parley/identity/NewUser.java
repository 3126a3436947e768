package io.parley.identity;

import java.util.Set;

/**
 * What it takes to register a user. A null password leaves the user invited: they choose one
 * through their invitation link.
 */
public record NewUser(
    String username,
    String displayName,
    String email,
    Role role,
    String password,
    String signature,
    Set<BrandId> brands) {}
