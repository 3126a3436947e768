package io.parley.shared;

import java.util.List;
import java.util.function.Function;
import org.springframework.data.domain.Page;

/**
 * One page of results as shown in lists and returned by the API: the items, the zero-based page
 * number, the page size and the total count. When {@code totalCapped}, there are at least {@code
 * total} results: counting all of a million cases on every page view costs more than it tells.
 */
public record PageSlice<T>(List<T> items, int page, int size, long total, boolean totalCapped) {

  public PageSlice(List<T> items, int page, int size, long total) {
    this(items, page, size, total, false);
  }

  public static <E, T> PageSlice<T> of(Page<E> page, Function<E, T> mapper) {
    return new PageSlice<>(
        page.getContent().stream().map(mapper).toList(),
        page.getNumber(),
        page.getSize(),
        page.getTotalElements());
  }

  public int totalPages() {
    return size == 0 ? 0 : (int) ((total + size - 1) / size);
  }

  public boolean hasNext() {
    return page + 1 < totalPages();
  }

  public boolean hasPrevious() {
    return page > 0;
  }

  /** Clamps a requested page size to a sane range so a client cannot ask for everything. */
  public static int clampSize(int requested, int max) {
    return Math.max(1, Math.min(requested, max));
  }
}
