package io.parley.conversations.internal;

import io.parley.conversations.CaseId;
import io.parley.conversations.CaseStatus;
import io.parley.conversations.CaseView;
import io.parley.conversations.MessageKind;
import io.parley.conversations.MessageView;
import io.parley.conversations.NewCase;
import io.parley.conversations.Priority;
import io.parley.customers.CustomerId;
import io.parley.identity.BrandSummary;
import io.parley.identity.Brands;
import io.parley.identity.UserId;
import java.time.Instant;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** Writes cases and messages; called inside the transactions of the {@code Cases} API. */
@Component
public class CaseWriter {

  private final CaseRepository cases;
  private final MessageRepository messages;
  private final CaseCounterRepository counters;
  private final Brands brands;
  private final TransactionTemplate newTransaction;

  CaseWriter(
      CaseRepository cases,
      MessageRepository messages,
      CaseCounterRepository counters,
      Brands brands,
      PlatformTransactionManager transactions) {
    this.cases = cases;
    this.messages = messages;
    this.counters = counters;
    this.brands = brands;
    this.newTransaction = new TransactionTemplate(transactions);
    this.newTransaction.setPropagationBehavior(Propagation.REQUIRES_NEW.value());
  }

  @Transactional
  public CaseView open(NewCase request) {
    BrandSummary brand =
        brands
            .find(request.brand())
            .orElseThrow(() -> new IllegalArgumentException("Unknown brand " + request.brand()));
    String subject = request.subject() == null ? "" : request.subject().strip();
    if (subject.isEmpty()) {
      subject = summarize(request.firstMessage());
    }
    Instant at = request.openedAt() == null ? Instant.now() : request.openedAt();
    long number = nextNumber(brand.id().value());
    SupportCase aCase =
        cases.save(
            new SupportCase(
                brand.id().value(),
                number,
                brand.casePrefix() + "-" + number,
                subject.length() > 300 ? subject.substring(0, 300) : subject,
                request.priority() == null ? Priority.NORMAL : request.priority(),
                request.customer() == null ? null : request.customer().value(),
                request.channelAccount() == null ? null : request.channelAccount().value(),
                request.channelType(),
                at));
    if (request.firstMessage() != null && !request.firstMessage().isBlank()) {
      messages.save(
          new Message(
              aCase.getId(),
              MessageKind.INBOUND,
              request.customer() == null ? null : request.customer().value(),
              null,
              request.firstMessage(),
              at));
    }
    return aCase.view();
  }

  @Transactional
  public MessageView addMessage(
      CaseId id, MessageKind kind, CustomerId customer, UserId user, String body, Instant at) {
    SupportCase aCase = cases.findById(id.value()).orElseThrow();
    if (kind == MessageKind.OUTBOUND) {
      aCase.responded(at);
    } else {
      aCase.touched(at);
    }
    return messages
        .save(
            new Message(
                aCase.getId(),
                kind,
                customer == null ? null : customer.value(),
                user == null ? null : user.value(),
                body,
                at))
        .view();
  }

  @Transactional
  public void assign(CaseId id, UserId user) {
    cases.findById(id.value()).orElseThrow().assignTo(user.value(), Instant.now());
  }

  @Transactional
  public void changeStatus(CaseId id, CaseStatus status, Instant at) {
    cases.findById(id.value()).orElseThrow().changeStatus(status, at);
  }

  /**
   * Takes the brand's next case number under a row lock, so concurrent openings never share a
   * number. The counter row is created on first use in its own transaction.
   */
  private long nextNumber(Long brandId) {
    var counter = counters.lockForBrand(brandId);
    if (counter.isEmpty()) {
      try {
        newTransaction.executeWithoutResult(s -> counters.saveAndFlush(new CaseCounter(brandId)));
      } catch (DataIntegrityViolationException raced) {
        // Another opening created it first; lock the row it created.
      }
      counter = counters.lockForBrand(brandId);
    }
    return counter.orElseThrow().take();
  }

  private static String summarize(String text) {
    if (text == null || text.isBlank()) {
      return "(no subject)";
    }
    String oneLine = text.strip().replaceAll("\\s+", " ");
    return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 79) + "…";
  }
}
