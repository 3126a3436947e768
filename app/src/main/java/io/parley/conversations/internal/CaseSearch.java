package io.parley.conversations.internal;

import io.parley.identity.BrandId;
import io.parley.identity.CurrentUser;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import org.hibernate.search.engine.search.common.BooleanOperator;
import org.hibernate.search.mapper.orm.Search;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Full-text search over case subjects, tags and every message, in Chinese and English, always
 * within the brands the viewer may see.
 */
@Component
public class CaseSearch {

  private static final Logger log = LoggerFactory.getLogger(CaseSearch.class);
  private static final int MAX_MESSAGE_HITS = 2_000;

  @PersistenceContext private EntityManager entityManager;

  @Transactional(readOnly = true)
  public Page<SupportCase> search(String text, CurrentUser viewer, int page, int size) {
    var session = Search.session(entityManager);
    String query = text.strip();
    List<Long> fromMessages =
        session
            .search(Message.class)
            .select(f -> f.field("caseId", Long.class))
            .where(
                f ->
                    f.simpleQueryString()
                        .field("body")
                        .matching(query)
                        .defaultOperator(BooleanOperator.AND))
            .fetchHits(MAX_MESSAGE_HITS);
    var result =
        session
            .search(SupportCase.class)
            .where(
                (f, root) -> {
                  root.add(
                      f.bool()
                          .with(
                              b -> {
                                b.should(
                                    f.simpleQueryString()
                                        .fields("subject", "tags")
                                        .matching(query)
                                        .defaultOperator(BooleanOperator.AND));
                                b.should(
                                    f.match().field("reference").matching(query.toUpperCase()));
                                if (!fromMessages.isEmpty()) {
                                  b.should(
                                      f.id()
                                          .matchingAny(fromMessages.stream().distinct().toList()));
                                }
                              }));
                  if (!viewer.seesAllBrands()) {
                    var brands = viewer.brands().stream().map(BrandId::value).toList();
                    root.add(
                        brands.isEmpty()
                            ? f.not(f.matchAll())
                            : f.terms().field("brandId").matchingAny(brands));
                  }
                })
            .fetch(page * size, size);
    return new PageImpl<>(result.hits(), PageRequest.of(page, size), result.total().hitCount());
  }

  /**
   * Rows written outside the application (migrations, bulk imports) are not in the index yet, and
   * an index built before hidden messages left it still holds them: index everything once when the
   * index and the database disagree.
   */
  @EventListener(ApplicationReadyEvent.class)
  @Transactional(readOnly = true)
  public void indexIfBehind() {
    var session = Search.session(entityManager);
    long indexed = session.search(SupportCase.class).where(f -> f.matchAll()).fetchTotalHitCount();
    long stored =
        entityManager
            .createQuery("select count(c) from SupportCase c", Long.class)
            .getSingleResult();
    long indexedMessages =
        session.search(Message.class).where(f -> f.matchAll()).fetchTotalHitCount();
    long searchableMessages =
        entityManager
            .createQuery("select count(m) from Message m where m.hiddenReason is null", Long.class)
            .getSingleResult();
    if (indexed != stored || indexedMessages != searchableMessages) {
      log.info(
          "Search index has {} of {} cases and {} of {} searchable messages: re-indexing in the"
              + " background",
          indexed,
          stored,
          indexedMessages,
          searchableMessages);
      session.massIndexer(SupportCase.class, Message.class).threadsToLoadObjects(2).start();
    }
  }
}
