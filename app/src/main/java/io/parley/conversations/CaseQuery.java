package io.parley.conversations;

/**
 * Which cases a list shows: a named view, an optional status, and a page.
 *
 * @param view one of mine, unassigned, open, pending, solved, all
 */
public record CaseQuery(String view, CaseStatus status, int page, int size) {}
