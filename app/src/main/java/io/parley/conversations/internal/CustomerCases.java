package io.parley.conversations.internal;

import io.parley.customers.CustomerId;
import io.parley.customers.CustomerLinks;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Cases follow their customer through a merge, and go back when it is undone. */
@Component
class CustomerCases implements CustomerLinks {

  private final CaseRepository cases;

  CustomerCases(CaseRepository cases) {
    this.cases = cases;
  }

  @Override
  @Transactional
  public List<Long> moveCases(CustomerId from, CustomerId to) {
    List<Long> ids = cases.idsOfCustomer(from.value());
    if (!ids.isEmpty()) {
      cases.relink(ids, to.value());
    }
    return ids;
  }

  @Override
  @Transactional
  public void returnCases(List<Long> caseIds, CustomerId to) {
    if (!caseIds.isEmpty()) {
      cases.relink(caseIds, to.value());
    }
  }
}
