package io.parley.customers;

import java.util.List;

/**
 * A customer who may be the same person as another one, with a score (0–100) and the reasons behind
 * it (message keys, e.g. {@code match.name}); an agent confirms (merge) or dismisses it.
 */
public record MatchCandidate(
    long id,
    CustomerSummary customer,
    CustomerSummary candidate,
    int score,
    List<String> reasons) {}
