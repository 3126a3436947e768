package io.parley.customers;

import java.time.Instant;

/** One merge of {@code source} into {@code target}, undone when {@code unmergedAt} is set. */
public record MergeRecord(
    long id,
    CustomerId source,
    String sourceName,
    CustomerId target,
    String targetName,
    Instant mergedAt,
    Instant unmergedAt) {}
