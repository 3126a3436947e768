package io.parley.conversations;

/**
 * Which cases a list shows: a named view, an optional status, a sort order and a page.
 *
 * @param view one of mine, unassigned, open, pending, solved, all
 * @param sort one of updated (default), oldest, created
 */
public record CaseQuery(String view, CaseStatus status, String sort, int page, int size) {

  public CaseQuery(String view, CaseStatus status, int page, int size) {
    this(view, status, null, page, size);
  }
}
