package io.parley.customers;

import java.util.List;

/**
 * What other modules keep about a customer and must follow a merge: implemented by the module that
 * owns cases (customers cannot depend on it). Moves are undone with the exact ids they returned.
 */
public interface CustomerLinks {

  /** Moves every case of {@code from} to {@code to}; returns the ids of the cases moved. */
  List<Long> moveCases(CustomerId from, CustomerId to);

  /** Gives the cases with these ids back to {@code to} (undoing a move). */
  void returnCases(List<Long> caseIds, CustomerId to);

  CustomerLinks NONE =
      new CustomerLinks() {
        @Override
        public List<Long> moveCases(CustomerId from, CustomerId to) {
          return List.of();
        }

        @Override
        public void returnCases(List<Long> caseIds, CustomerId to) {}
      };
}
