package io.parley.entitlements;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.parley.conversations.CaseStatus;
import io.parley.conversations.CaseUpdate;
import io.parley.conversations.CaseView;
import io.parley.conversations.Cases;
import io.parley.conversations.MessageKind;
import io.parley.conversations.NewCase;
import io.parley.conversations.Priority;
import io.parley.customers.CustomerId;
import io.parley.customers.Customers;
import io.parley.customers.NewCustomer;
import io.parley.customers.Tier;
import io.parley.entitlements.internal.BusinessCalendar.Hours;
import io.parley.entitlements.internal.Calendars;
import io.parley.entitlements.internal.ServiceTier;
import io.parley.entitlements.internal.SlaAlert;
import io.parley.entitlements.internal.SlaAlertRepository;
import io.parley.entitlements.internal.SlaClock;
import io.parley.entitlements.internal.SlaClockRepository;
import io.parley.entitlements.internal.SlaSweep;
import io.parley.entitlements.internal.TierAdministration;
import io.parley.identity.BrandSummary;
import io.parley.identity.Brands;
import io.parley.identity.NewUser;
import io.parley.identity.Role;
import io.parley.identity.UserId;
import io.parley.identity.Users;
import io.parley.routing.QueueSummary;
import io.parley.routing.Routing;
import io.parley.support.ApiTokens;
import io.parley.support.ParleyTest;
import io.parley.support.TestClock;
import io.parley.support.WebClient;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * SLA clocks on the real PostgreSQL, with the application's clock set and moved by the test: a
 * brand working Monday to Friday 09:00-18:00 in Shanghai with a holiday, a tier with its own queue
 * and an escalation policy, and a customer under contract.
 */
@ParleyTest
class SlaTests {

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final AtomicInteger SEQ = new AtomicInteger();
  static final LocalDate HOLIDAY = LocalDate.of(2027, 1, 6); // a Wednesday

  @Autowired Brands brands;
  @Autowired Users users;
  @Autowired Cases cases;
  @Autowired Customers customers;
  @Autowired Routing routing;
  @Autowired Entitlements entitlements;
  @Autowired Calendars calendars;
  @Autowired TierAdministration tiers;
  @Autowired SlaClockRepository clocks;
  @Autowired SlaAlertRepository alerts;
  @Autowired SlaSweep sweep;
  @Autowired TestClock clock;
  @Autowired JdbcTemplate jdbc;
  @Autowired JsonMapper json;
  @LocalServerPort int port;
  @Autowired PlatformTransactionManager transactions;

  BrandSummary brand;
  QueueSummary vipQueue;
  QueueSummary escalations;
  UserId supervisor;
  String supervisorName;
  String agentName;
  UserId agent;
  ServiceTier tier;
  CustomerId customer;

  @BeforeEach
  void aBrandWithOfficeHoursATierAndACustomerUnderContract() {
    String n =
        Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase() + SEQ.incrementAndGet();
    brand = brands.register("sla-" + n, "SLA Brand " + n, "S" + n);
    Map<DayOfWeek, List<Hours>> week = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek d :
        List.of(
            DayOfWeek.MONDAY,
            DayOfWeek.TUESDAY,
            DayOfWeek.WEDNESDAY,
            DayOfWeek.THURSDAY,
            DayOfWeek.FRIDAY)) {
      week.put(d, List.of(Hours.of("09:00", "18:00")));
    }
    calendars.define(brand.id(), SHANGHAI, week);
    calendars.addHoliday(brand.id(), HOLIDAY, "Test holiday");
    supervisorName = "sup" + n;
    supervisor = user(supervisorName, Role.SUPERVISOR);
    agentName = "agt" + n;
    agent = user(agentName, Role.AGENT);
    vipQueue = routing.create(brand.id(), "VIP " + n, false, false, List.of(agent));
    escalations = routing.create(brand.id(), "Escalations " + n, false, false, List.of(supervisor));
    Map<String, String> form = new HashMap<>();
    form.put("code", "T" + n);
    form.put("name", "Platinum " + n);
    form.put("rankOrder", "0");
    form.put("firstResponseMinutes", "60");
    form.put("nextResponseMinutes", "30");
    form.put("resolutionMinutes", "240");
    form.put("target_URGENT_FIRST_RESPONSE", "15");
    form.put("target_URGENT_RESOLUTION", "120");
    form.put("warnPercent", "75");
    form.put("notifyOnBreach", "true");
    form.put("breachPriority", "URGENT");
    form.put("breachQueueId", Long.toString(escalations.id()));
    form.put("breachAssigneeId", Long.toString(supervisor.value()));
    form.put("routeQueueId", Long.toString(vipQueue.id()));
    tier = tiers.save(null, form);
    customer =
        customers.register(
            new NewCustomer(
                "王军",
                "zh-CN",
                Tier.STANDARD,
                List.of("wang" + n + "@example.cn"),
                List.of(),
                List.of(),
                List.of(),
                null));
    entitlements.grant(customer, tier.getCode(), "Contract " + n, LocalDate.of(2027, 1, 1), null);
  }

  @AfterEach
  void releaseTheClock() {
    clock.release();
  }

  @Test
  void aContractCustomersCaseGoesToTheTiersQueueTaggedWithItsClocksDueInBusinessHours() {
    CaseView aCase = openAt("2027-01-04T10:00", Priority.NORMAL); // a Monday

    assertThat(aCase.queueId()).isEqualTo(vipQueue.id());
    assertThat(aCase.tags()).contains("tier:" + tier.getCode().toLowerCase());
    assertThat(clock(aCase, SlaMetric.FIRST_RESPONSE).getDueAt()).isEqualTo(at("2027-01-04T11:00"));
    assertThat(clock(aCase, SlaMetric.RESOLUTION).getDueAt()).isEqualTo(at("2027-01-04T14:00"));
    assertThat(entitlements.tierOf(customer).orElseThrow().source())
        .isEqualTo(TierSummary.Source.CONTRACT);
  }

  @Test
  void anUrgentCaseOpenedLateOnFridayIsDueOnMondayMorningByItsPriorityTarget() {
    CaseView aCase = openAt("2027-01-08T17:50", Priority.URGENT); // a Friday

    assertThat(clock(aCase, SlaMetric.FIRST_RESPONSE).getDueAt()).isEqualTo(at("2027-01-11T09:05"));
  }

  @Test
  void theHolidayDoesNotCount() {
    CaseView aCase = openAt("2027-01-05T17:30", Priority.NORMAL); // Tuesday; Wednesday is off

    assertThat(clock(aCase, SlaMetric.FIRST_RESPONSE).getDueAt()).isEqualTo(at("2027-01-07T09:30"));
    assertThat(clock(aCase, SlaMetric.RESOLUTION).getDueAt()).isEqualTo(at("2027-01-07T12:30"));
  }

  @Test
  void clocksPauseWhileTheCustomerIsAwaitedAndResumeWhenTheyWrite() {
    CaseView aCase = openAt("2027-01-11T10:00", Priority.NORMAL);
    setTime("2027-01-11T10:30");
    cases.reply(aCase.id(), agent, "Could you send us the serial number?");
    assertThat(clock(aCase, SlaMetric.FIRST_RESPONSE).getState()).isEqualTo(SlaClock.State.MET);
    assertThat(clock(aCase, SlaMetric.FIRST_RESPONSE).getBreachedAt()).isNull();

    setTime("2027-01-11T11:00");
    cases.update(aCase.id(), CaseUpdate.status(CaseStatus.PENDING_CUSTOMER), null, agent);
    SlaClock resolution = clock(aCase, SlaMetric.RESOLUTION);
    assertThat(resolution.getState()).isEqualTo(SlaClock.State.PAUSED);
    assertThat(resolution.getDueAt()).isNull();

    // A day later the customer answers: one hour was used, three are left from now.
    setTime("2027-01-12T10:00");
    cases.addMessage(aCase.id(), MessageKind.INBOUND, customer, null, "SN 1234-5678", null);
    assertThat(cases.find(aCase.id()).orElseThrow().status()).isEqualTo(CaseStatus.OPEN);
    resolution = clock(aCase, SlaMetric.RESOLUTION);
    assertThat(resolution.getState()).isEqualTo(SlaClock.State.RUNNING);
    assertThat(resolution.getDueAt()).isEqualTo(at("2027-01-12T13:00"));
    SlaClock next = clock(aCase, SlaMetric.NEXT_RESPONSE);
    assertThat(next.getDueAt()).isEqualTo(at("2027-01-12T10:30"));

    // A second message does not restart the wait: it counts from the oldest unanswered one.
    setTime("2027-01-12T10:10");
    cases.addMessage(aCase.id(), MessageKind.INBOUND, customer, null, "Any news?", null);
    assertThat(clock(aCase, SlaMetric.NEXT_RESPONSE).getDueAt()).isEqualTo(at("2027-01-12T10:30"));

    setTime("2027-01-12T10:20");
    cases.reply(aCase.id(), agent, "A replacement is on its way.");
    assertThat(clock(aCase, SlaMetric.NEXT_RESPONSE).getState()).isEqualTo(SlaClock.State.MET);

    setTime("2027-01-12T11:00");
    cases.update(aCase.id(), CaseUpdate.status(CaseStatus.SOLVED), null, agent);
    resolution = clock(aCase, SlaMetric.RESOLUTION);
    assertThat(resolution.getState()).isEqualTo(SlaClock.State.MET);
    assertThat(resolution.getBreachedAt()).isNull();
  }

  @Test
  void aNewPriorityBringsItsTargetCountedFromTheStart() {
    CaseView aCase = openAt("2027-01-11T10:00", Priority.NORMAL); // a Monday
    assertThat(clock(aCase, SlaMetric.FIRST_RESPONSE).getDueAt()).isEqualTo(at("2027-01-11T11:00"));

    // Raised to urgent after 10 minutes: 15 minutes from the start, so 5 are left.
    setTime("2027-01-11T10:10");
    cases.update(aCase.id(), priority(Priority.URGENT), null, supervisor);
    SlaClock urgent = clock(aCase, SlaMetric.FIRST_RESPONSE);
    assertThat(urgent.getTargetMinutes()).isEqualTo(15);
    assertThat(urgent.getDueAt()).isEqualTo(at("2027-01-11T10:15"));
    assertThat(clock(aCase, SlaMetric.RESOLUTION).getDueAt()).isEqualTo(at("2027-01-11T12:00"));

    // Lowered again after 20 minutes in all: back to the hour, 40 minutes left.
    setTime("2027-01-11T10:20");
    cases.update(aCase.id(), priority(Priority.NORMAL), null, supervisor);
    assertThat(clock(aCase, SlaMetric.FIRST_RESPONSE).getDueAt()).isEqualTo(at("2027-01-11T11:00"));

    // Overdue at once when raised later than the urgent target: the sweep escalates it.
    CaseView late = openAt("2027-01-11T10:20", Priority.NORMAL);
    setTime("2027-01-11T11:00");
    cases.update(late.id(), priority(Priority.URGENT), null, supervisor);
    assertThat(clock(late, SlaMetric.FIRST_RESPONSE).getDueAt()).isEqualTo(at("2027-01-11T10:35"));
    assertThat(clock(late, SlaMetric.FIRST_RESPONSE).getBreachedAt()).isNull();
    sweepUntilQuiet();
    assertThat(clock(late, SlaMetric.FIRST_RESPONSE).getBreachedAt())
        .isEqualTo(at("2027-01-11T10:35"));
    assertThat(clock(late, SlaMetric.FIRST_RESPONSE).getEscalatedAt())
        .isEqualTo(at("2027-01-11T11:00"));
  }

  @Test
  void integrationsReadTheClocksOverTheApi() {
    CaseView aCase = openAt("2027-01-11T10:00", Priority.NORMAL); // a Monday
    setTime("2027-01-11T10:45");
    var api = new WebClient(port);
    String token = ApiTokens.of(port, supervisorName, "a-long-password-1");

    var sla = api.api("GET", "/api/v1/cases/" + aCase.reference() + "/sla", token, null);
    assertThat(sla.statusCode()).isEqualTo(200);
    JsonNode root = json.readTree(sla.body());
    assertThat(root.path("tier").path("code").asString()).isEqualTo(tier.getCode());
    JsonNode first = root.path("clocks").get(0);
    assertThat(first.path("metric").asString()).isEqualTo("FIRST_RESPONSE");
    assertThat(first.path("state").asString()).isEqualTo("RUNNING");
    assertThat(first.path("targetMinutes").asInt()).isEqualTo(60);
    assertThat(Instant.parse(first.path("dueAt").asString())).isEqualTo(at("2027-01-11T11:00"));
    assertThat(first.path("remainingSeconds").asLong()).isEqualTo(15 * 60);
    assertThat(first.path("breached").asBoolean()).isFalse();

    // An agent of the brand sees its clocks, the soonest due first.
    String agentToken = ApiTokens.of(port, agentName, "a-long-password-1");
    var atRisk =
        json.readTree(api.api("GET", "/api/v1/sla/at-risk?limit=10", agentToken, null).body());
    assertThat(atRisk).hasSize(2);
    assertThat(atRisk.get(0).path("reference").asString()).isEqualTo(aCase.reference());
    assertThat(atRisk.get(0).path("metric").asString()).isEqualTo("FIRST_RESPONSE");
    assertThat(atRisk.get(1).path("metric").asString()).isEqualTo("RESOLUTION");
    assertThat(atRisk.get(1).path("remainingSeconds").asLong()).isEqualTo(3 * 3600 + 15 * 60);
    assertThat(api.api("GET", "/api/v1/sla/at-risk?limit=0", token, null).statusCode())
        .isEqualTo(400);

    // Someone who does not see the brand learns nothing of the case.
    String other = ApiTokens.of(port, "sam.taylor", ParleyTest.DEMO_PASSWORD);
    assertThat(
            api.api("GET", "/api/v1/cases/" + aCase.reference() + "/sla", other, null).statusCode())
        .isEqualTo(404);
  }

  @Test
  void aPriorityChangedWhileSolvedCountsWhenTheCaseReopens() {
    CaseView aCase = openAt("2027-01-11T10:00", Priority.NORMAL); // resolution in 4 hours
    setTime("2027-01-11T10:30");
    cases.update(aCase.id(), CaseUpdate.status(CaseStatus.SOLVED), null, agent);
    assertThat(clock(aCase, SlaMetric.RESOLUTION).getState()).isEqualTo(SlaClock.State.MET);

    // Raised to urgent (2 hours) while solved: 30 minutes were used, 90 are left on reopening.
    setTime("2027-01-11T10:40");
    cases.update(aCase.id(), priority(Priority.URGENT), null, supervisor);
    setTime("2027-01-11T11:00");
    cases.update(aCase.id(), CaseUpdate.status(CaseStatus.OPEN), null, agent);
    SlaClock resolution = clock(aCase, SlaMetric.RESOLUTION);
    assertThat(resolution.getState()).isEqualTo(SlaClock.State.RUNNING);
    assertThat(resolution.getTargetMinutes()).isEqualTo(120);
    assertThat(resolution.getDueAt()).isEqualTo(at("2027-01-11T12:30"));
  }

  @Test
  void aClockThePriorityDoesNotMeasureIsSuspendedAndComesBackWithItsStart() {
    CustomerId pressing = aCustomerWhoseTierTimesOnlyPressingCases();
    CaseView aCase = openAt("2027-02-08T10:00", Priority.URGENT, pressing); // a Monday, due 10:15

    // Lowered to normal, which has no first-response target: not measured, so never due.
    setTime("2027-02-08T10:05");
    cases.update(aCase.id(), priority(Priority.NORMAL), null, supervisor);
    SlaClock first = clock(aCase, SlaMetric.FIRST_RESPONSE);
    assertThat(first.getState()).isEqualTo(SlaClock.State.SUSPENDED);
    assertThat(first.getDueAt()).isNull();
    var api = new WebClient(port);
    String token = ApiTokens.of(port, agentName, "a-long-password-1");
    JsonNode shown =
        json.readTree(
                api.api("GET", "/api/v1/cases/" + aCase.reference() + "/sla", token, null).body())
            .path("clocks")
            .get(0);
    assertThat(shown.path("state").asString()).isEqualTo("SUSPENDED");
    assertThat(shown.path("remainingSeconds").asLong()).isZero();
    var console = new WebClient(port);
    console.login(agentName, "a-long-password-1");
    assertThat(console.get("/sla/cases/" + aCase.reference()).body())
        .contains("Not measured at this priority");
    assertThat(json.readTree(api.api("GET", "/api/v1/sla/at-risk?limit=500", token, null).body()))
        .noneMatch(
            c ->
                c.path("reference").asString().equals(aCase.reference())
                    && c.path("metric").asString().equals("FIRST_RESPONSE"));
    setTime("2027-02-08T10:20"); // past the urgent target
    sweepUntilQuiet();
    assertThat(clock(aCase, SlaMetric.FIRST_RESPONSE).getBreachedAt()).isNull();
    assertThat(alertsOf(aCase)).isEmpty();

    // Raised to high (30 minutes): measured again from the opening, 10 minutes are left.
    cases.update(aCase.id(), priority(Priority.HIGH), null, supervisor);
    first = clock(aCase, SlaMetric.FIRST_RESPONSE);
    assertThat(first.getState()).isEqualTo(SlaClock.State.RUNNING);
    assertThat(first.getStartedAt()).isEqualTo(at("2027-02-08T10:00"));
    assertThat(first.getTargetMinutes()).isEqualTo(30);
    assertThat(first.getDueAt()).isEqualTo(at("2027-02-08T10:30"));
  }

  @Test
  void aSolvedCaseLoweredToAPriorityWithoutAResolutionTargetIsNotTimedWhenItReopens() {
    CustomerId pressing = aCustomerWhoseTierTimesOnlyPressingCases();
    CaseView aCase = openAt("2027-02-10T13:00", Priority.URGENT, pressing); // resolution by 15:00
    setTime("2027-02-10T13:30");
    cases.update(aCase.id(), CaseUpdate.status(CaseStatus.SOLVED), null, agent);
    setTime("2027-02-10T13:40");
    cases.update(aCase.id(), priority(Priority.NORMAL), null, supervisor);
    setTime("2027-02-10T13:50");
    cases.update(aCase.id(), CaseUpdate.status(CaseStatus.OPEN), null, agent);

    setTime("2027-02-10T16:00");
    sweepUntilQuiet();
    SlaClock resolution = clock(aCase, SlaMetric.RESOLUTION);
    assertThat(resolution.getState()).isEqualTo(SlaClock.State.SUSPENDED);
    assertThat(resolution.getBreachedAt()).isNull();
    assertThat(alertsOf(aCase)).isEmpty();

    // Urgent again: 30 minutes before solving and 130 since reopening; due at 15:20.
    cases.update(aCase.id(), priority(Priority.URGENT), null, supervisor);
    resolution = clock(aCase, SlaMetric.RESOLUTION);
    assertThat(resolution.getState()).isEqualTo(SlaClock.State.RUNNING);
    assertThat(resolution.getDueAt()).isEqualTo(at("2027-02-10T15:20"));
  }

  @Test
  void aPriorityThatMeasuresAMetricTheOldOneDidNotTimesItFromItsNaturalStart() {
    CustomerId pressing = aCustomerWhoseTierTimesOnlyPressingCases();
    CaseView aCase = openAt("2027-02-09T10:00", Priority.NORMAL, pressing); // a Tuesday

    // Raised to urgent after 10 minutes: a first response is due 15 minutes after the opening.
    setTime("2027-02-09T10:10");
    cases.update(aCase.id(), priority(Priority.URGENT), null, supervisor);
    SlaClock first = clock(aCase, SlaMetric.FIRST_RESPONSE);
    assertThat(first.getState()).isEqualTo(SlaClock.State.RUNNING);
    assertThat(first.getStartedAt()).isEqualTo(at("2027-02-09T10:00"));
    assertThat(first.getDueAt()).isEqualTo(at("2027-02-09T10:15"));

    // Already answered: the first response is met at its time; the next response counts from
    // the customer's unanswered message.
    CaseView answered = openAt("2027-02-09T11:00", Priority.NORMAL, pressing);
    setTime("2027-02-09T11:05");
    cases.reply(answered.id(), agent, "Which model is it?");
    setTime("2027-02-09T11:30");
    cases.addMessage(answered.id(), MessageKind.INBOUND, pressing, null, "A P40.", null);
    setTime("2027-02-09T11:35");
    cases.update(answered.id(), priority(Priority.URGENT), null, supervisor);
    sweepUntilQuiet();
    SlaClock met = clock(answered, SlaMetric.FIRST_RESPONSE);
    assertThat(met.getState()).isEqualTo(SlaClock.State.MET);
    assertThat(met.getMetAt()).isEqualTo(at("2027-02-09T11:05"));
    assertThat(met.getBreachedAt()).isNull();
    SlaClock next = clock(answered, SlaMetric.NEXT_RESPONSE);
    assertThat(next.getState()).isEqualTo(SlaClock.State.RUNNING);
    assertThat(next.getStartedAt()).isEqualTo(at("2027-02-09T11:30"));
    assertThat(next.getDueAt()).isEqualTo(at("2027-02-09T11:40"));
    assertThat(alertsOf(answered)).isEmpty();
  }

  @Test
  void aCustomerWhoWritesAgainBeforeAnyAnswerAwaitsOnlyTheFirstResponseAfterARaise() {
    CustomerId pressing = aCustomerWhoseTierTimesOnlyPressingCases();
    CaseView aCase = openAt("2027-02-16T10:00", Priority.NORMAL, pressing); // a Tuesday

    // Written to again while the first response is not measured, still unanswered: the customer
    // still awaits the first response, so no next-response clock starts.
    setTime("2027-02-16T10:05");
    cases.addMessage(aCase.id(), MessageKind.INBOUND, pressing, null, "Any news?", null);
    assertThat(clock(aCase, SlaMetric.FIRST_RESPONSE).getState())
        .isEqualTo(SlaClock.State.SUSPENDED);
    assertThat(clocks.findByCaseIdOrderByMetric(aCase.id().value()))
        .extracting(SlaClock::getMetric)
        .doesNotContain(SlaMetric.NEXT_RESPONSE);

    // Raised to urgent: only the first response runs, and its breach escalates once.
    setTime("2027-02-16T10:10");
    cases.update(aCase.id(), priority(Priority.URGENT), null, supervisor);
    SlaClock first = clock(aCase, SlaMetric.FIRST_RESPONSE);
    assertThat(first.getState()).isEqualTo(SlaClock.State.RUNNING);
    assertThat(first.getDueAt()).isEqualTo(at("2027-02-16T10:15"));
    assertThat(clocks.findByCaseIdOrderByMetric(aCase.id().value()))
        .extracting(SlaClock::getMetric)
        .doesNotContain(SlaMetric.NEXT_RESPONSE);
    setTime("2027-02-16T10:30");
    sweepUntilQuiet();
    assertThat(alertsOf(aCase)).extracting(SlaAlert::getKind).containsExactly(SlaAlert.Kind.BREACH);
  }

  @Test
  void aRaiseThatMakesACaseOverdueRecordsTheBreachWhenTheNewTargetWasMissed() {
    CaseView aCase = openAt("2027-02-12T17:50", Priority.NORMAL); // a Friday, due Monday 09:50

    // Raised on Monday at 09:30: urgent's 15 business minutes ran out at 09:05.
    setTime("2027-02-15T09:30");
    cases.update(aCase.id(), priority(Priority.URGENT), null, supervisor);
    SlaClock first = clock(aCase, SlaMetric.FIRST_RESPONSE);
    assertThat(first.getDueAt()).isEqualTo(at("2027-02-15T09:05"));
    assertThat(first.getBreachedAt()).isNull();

    // The sweep escalates it now; the breach is recorded when the target was missed.
    setTime("2027-02-15T09:31");
    sweepUntilQuiet();
    first = clock(aCase, SlaMetric.FIRST_RESPONSE);
    assertThat(first.getBreachedAt()).isEqualTo(at("2027-02-15T09:05"));
    assertThat(first.getEscalatedAt()).isEqualTo(at("2027-02-15T09:31"));
    assertThat(alertsOf(aCase))
        .extracting(SlaAlert::getKind, SlaAlert::getAt)
        .containsExactly(tuple(SlaAlert.Kind.BREACH, at("2027-02-15T09:31")));
    assertThat(cases.find(aCase.id()).orElseThrow().queueId()).isEqualTo(escalations.id());
  }

  @Test
  void aResponseSentWhileItsClockWasSuspendedIsJudgedByTheTargetThatResumesIt() {
    CustomerId pressing = aCustomerWhoseTierTimesOnlyPressingCases();
    // Urgent (a first response in 15 minutes), lowered to normal, which does not measure it, and
    // answered 25 minutes after the opening.
    CaseView toHigh = openAt("2027-02-23T10:00", Priority.URGENT, pressing); // a Tuesday
    CaseView toUrgent = openAt("2027-02-23T10:00", Priority.URGENT, pressing);
    setTime("2027-02-23T10:05");
    cases.update(toHigh.id(), priority(Priority.NORMAL), null, supervisor);
    cases.update(toUrgent.id(), priority(Priority.NORMAL), null, supervisor);
    answerAt(toHigh, "2027-02-23T10:25");
    answerAt(toUrgent, "2027-02-23T10:25");

    setTime("2027-02-23T10:40");
    cases.update(toHigh.id(), priority(Priority.HIGH), null, supervisor);
    cases.update(toUrgent.id(), priority(Priority.URGENT), null, supervisor);
    sweepUntilQuiet();

    // High gives 30 minutes: the answer came in time.
    SlaClock inTime = clock(toHigh, SlaMetric.FIRST_RESPONSE);
    assertThat(inTime.getState()).isEqualTo(SlaClock.State.MET);
    assertThat(inTime.getMetAt()).isEqualTo(at("2027-02-23T10:25"));
    assertThat(inTime.getBreachedAt()).isNull();
    // Urgent gives 15: met late, breached when they ran out.
    SlaClock late = clock(toUrgent, SlaMetric.FIRST_RESPONSE);
    assertThat(late.getState()).isEqualTo(SlaClock.State.MET);
    assertThat(late.getMetAt()).isEqualTo(at("2027-02-23T10:25"));
    assertThat(late.getBreachedAt()).isEqualTo(at("2027-02-23T10:15"));
    assertThat(alertsOf(toHigh)).isEmpty();
    assertThat(alertsOf(toUrgent)).isEmpty();
    var console = new WebClient(port);
    console.login(agentName, "a-long-password-1");
    assertThat(console.get("/sla/cases/" + toUrgent.reference()).body()).contains("Met late");
    assertThat(console.get("/sla/cases/" + toHigh.reference()).body())
        .contains(">Met<")
        .doesNotContain("Met late");
  }

  @Test
  void theEscalationsRaiseTimesTheMetricsItsPriorityMeasuresAsAPersonsRaiseWould() {
    CustomerId pressing = aCustomerWhoseTierTimesOnlyPressingCases();
    // High (resolution due 14:00 this Monday), answered, and written to again at 13:55: the next
    // response, measured only at urgent, is suspended on one case and missing on the other, as on
    // a case opened before such clocks existed.
    CaseView suspended = openAt("2027-02-22T10:00", Priority.HIGH, pressing);
    CaseView withoutClock = openAt("2027-02-22T10:00", Priority.HIGH, pressing);
    for (CaseView aCase : List.of(suspended, withoutClock)) {
      answerAt(aCase, "2027-02-22T10:05");
      customerWritesAt(aCase, pressing, "2027-02-22T13:55");
    }
    assertThat(clock(suspended, SlaMetric.NEXT_RESPONSE).getState())
        .isEqualTo(SlaClock.State.SUSPENDED);
    jdbc.update(
        "delete from entitlements_sla_clock where case_id = ? and metric = 'NEXT_RESPONSE'",
        withoutClock.id().value());

    // The resolution breaches and the escalation raises both cases to urgent: the next response
    // is due 10 minutes after the customer wrote; the breached resolution keeps its target.
    setTime("2027-02-22T14:01");
    sweepUntilQuiet();
    for (CaseView aCase : List.of(suspended, withoutClock)) {
      assertThat(cases.find(aCase.id()).orElseThrow().priority()).isEqualTo(Priority.URGENT);
      SlaClock next = clock(aCase, SlaMetric.NEXT_RESPONSE);
      assertThat(next.getState()).isEqualTo(SlaClock.State.RUNNING);
      assertThat(next.getStartedAt()).isEqualTo(at("2027-02-22T13:55"));
      assertThat(next.getTargetMinutes()).isEqualTo(10);
      assertThat(next.getDueAt()).isEqualTo(at("2027-02-22T14:05"));
      SlaClock resolution = clock(aCase, SlaMetric.RESOLUTION);
      assertThat(resolution.getBreachedAt()).isEqualTo(at("2027-02-22T14:00"));
      assertThat(resolution.getTargetMinutes()).isEqualTo(240);
      assertThat(alertsOf(aCase))
          .extracting(SlaAlert::getMetric)
          .containsExactly(SlaMetric.RESOLUTION);
    }
  }

  @Test
  void aNewPriorityTimesAMetricTheCaseHasNoClockForFromItsNaturalStart() {
    // Opened at normal, which the tier does not time, before such cases got suspended clocks: it
    // has none. Answered at 10:20, written to again at 10:30 and 10:32.
    CustomerId pressing = aCustomerWhoseTierTimesOnlyPressingCases();
    CaseView old = openAt("2027-02-24T10:00", Priority.NORMAL, pressing); // a Wednesday
    answerAt(old, "2027-02-24T10:20");
    customerWritesAt(old, pressing, "2027-02-24T10:30");
    customerWritesAt(old, pressing, "2027-02-24T10:32");
    jdbc.update("delete from entitlements_sla_clock where case_id = ?", old.id().value());

    // Raised to urgent: each metric is timed from its natural start.
    setTime("2027-02-24T10:35");
    cases.update(old.id(), priority(Priority.URGENT), null, supervisor);
    SlaClock first = clock(old, SlaMetric.FIRST_RESPONSE);
    assertThat(first.getState()).isEqualTo(SlaClock.State.MET);
    assertThat(first.getMetAt()).isEqualTo(at("2027-02-24T10:20"));
    assertThat(first.getBreachedAt()).isEqualTo(at("2027-02-24T10:15"));
    SlaClock resolution = clock(old, SlaMetric.RESOLUTION);
    assertThat(resolution.getState()).isEqualTo(SlaClock.State.RUNNING);
    assertThat(resolution.getStartedAt()).isEqualTo(at("2027-02-24T10:00"));
    assertThat(resolution.getDueAt()).isEqualTo(at("2027-02-24T12:00"));
    SlaClock next = clock(old, SlaMetric.NEXT_RESPONSE);
    assertThat(next.getState()).isEqualTo(SlaClock.State.RUNNING);
    assertThat(next.getStartedAt()).isEqualTo(at("2027-02-24T10:30"));
    assertThat(next.getDueAt()).isEqualTo(at("2027-02-24T10:40"));

    // A tier that times only resolutions when the case opens gets an urgent first-response target.
    Map<String, String> form = new HashMap<>();
    form.put("code", tier.getCode() + "R" + SEQ.incrementAndGet());
    form.put("name", "Resolution only");
    form.put("rankOrder", "0");
    form.put("resolutionMinutes", "480");
    form.put("notifyOnBreach", "true");
    form.put("breachQueueId", Long.toString(escalations.id()));
    ServiceTier resolutionOnly = tiers.save(null, form);
    CaseView before = openAt("2027-02-24T11:00", Priority.NORMAL, aCustomerUnder(resolutionOnly));
    CaseView stale = openAt("2027-02-24T11:00", Priority.NORMAL, aCustomerUnder(resolutionOnly));
    assertThat(clocks.findByCaseIdOrderByMetric(before.id().value()))
        .extracting(SlaClock::getMetric)
        .containsExactly(SlaMetric.RESOLUTION);
    form.put("target_URGENT_FIRST_RESPONSE", "15");
    tiers.save(resolutionOnly.getId(), form);

    setTime("2027-02-24T11:10");
    cases.update(before.id(), priority(Priority.URGENT), null, supervisor);
    first = clock(before, SlaMetric.FIRST_RESPONSE);
    assertThat(first.getState()).isEqualTo(SlaClock.State.RUNNING);
    assertThat(first.getStartedAt()).isEqualTo(at("2027-02-24T11:00"));
    assertThat(first.getDueAt()).isEqualTo(at("2027-02-24T11:15"));

    // Raised only at 11:40, its new first-response target was missed at 11:15, before the clock
    // existed: the breach is on record, but the case is not escalated for it.
    setTime("2027-02-24T11:40");
    cases.update(stale.id(), priority(Priority.URGENT), null, supervisor);
    sweepUntilQuiet();
    SlaClock missed = clock(stale, SlaMetric.FIRST_RESPONSE);
    assertThat(missed.getBreachedAt()).isEqualTo(at("2027-02-24T11:15"));
    assertThat(missed.getEscalatedAt()).isEqualTo(at("2027-02-24T11:40"));
    assertThat(alertsOf(stale)).isEmpty();
    CaseView notEscalated = cases.find(stale.id()).orElseThrow();
    assertThat(notEscalated.priority()).isEqualTo(Priority.URGENT);
    assertThat(notEscalated.queueId()).isNull();
    assertThat(notEscalated.assignee()).isNull();
  }

  private static CaseUpdate priority(Priority priority) {
    return new CaseUpdate(null, null, priority, null, false, null);
  }

  @Test
  void aWarningComesBeforeTheBreachAndTheBreachEscalatesOnce() {
    CaseView aCase = openAt("2027-01-18T09:00", Priority.NORMAL); // first response due 10:00

    setTime("2027-01-18T09:44");
    sweepUntilQuiet();
    assertThat(clock(aCase, SlaMetric.FIRST_RESPONSE).getWarnedAt()).isNull();

    setTime("2027-01-18T09:46"); // 75 % of the hour used
    sweepUntilQuiet();
    assertThat(clock(aCase, SlaMetric.FIRST_RESPONSE).getWarnedAt())
        .isEqualTo(at("2027-01-18T09:46"));
    assertThat(alertsOf(aCase))
        .extracting(SlaAlert::getKind)
        .containsExactly(SlaAlert.Kind.WARNING);
    assertThat(cases.find(aCase.id()).orElseThrow().priority()).isEqualTo(Priority.NORMAL);

    setTime("2027-01-18T10:01");
    sweepUntilQuiet();
    CaseView escalated = cases.find(aCase.id()).orElseThrow();
    assertThat(escalated.priority()).isEqualTo(Priority.URGENT);
    assertThat(escalated.queueId()).isEqualTo(escalations.id());
    assertThat(escalated.assignee()).isEqualTo(supervisor);
    SlaClock first = clock(aCase, SlaMetric.FIRST_RESPONSE);
    assertThat(first.getBreachedAt()).isEqualTo(at("2027-01-18T10:00"));
    assertThat(first.getEscalatedAt()).isEqualTo(at("2027-01-18T10:01"));
    // The raise leaves the resolution, measured and in time, the target it runs against.
    assertThat(clock(aCase, SlaMetric.RESOLUTION).getTargetMinutes()).isEqualTo(240);
    assertThat(alertsOf(aCase))
        .extracting(SlaAlert::getKind)
        .containsExactly(SlaAlert.Kind.WARNING, SlaAlert.Kind.BREACH);

    // Later rounds (any node) find nothing more to do for this clock.
    setTime("2027-01-18T10:30");
    sweepUntilQuiet();
    sweepUntilQuiet();
    assertThat(alertsOf(aCase)).filteredOn(a -> a.getKind() == SlaAlert.Kind.BREACH).hasSize(1);
    assertThat(cases.history(aCase.id())).filteredOn(h -> h.kind().equals("priority")).hasSize(1);
    assertThat(clock(aCase, SlaMetric.FIRST_RESPONSE).getEscalatedAt())
        .isEqualTo(at("2027-01-18T10:01"));
  }

  @Test
  void aClockAnotherNodeIsEscalatingIsSkippedNotDoubled() throws Exception {
    setTime("2027-01-25T10:30");
    sweepUntilQuiet(); // nothing else due by then is left
    CaseView other = openAt("2027-01-25T09:00", Priority.NORMAL); // due 10:00
    Long otherId = clock(other, SlaMetric.FIRST_RESPONSE).getId();
    setTime("2027-01-25T10:30");

    CountDownLatch locked = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(1);
    var holder =
        CompletableFuture.runAsync(
            () ->
                new TransactionTemplate(transactions)
                    .executeWithoutResult(
                        s -> {
                          jdbc.queryForList(
                              "select id from entitlements_sla_clock where id = ? for update",
                              otherId);
                          locked.countDown();
                          try {
                            done.await(30, TimeUnit.SECONDS);
                          } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                          }
                        }));
    assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();
    SlaSweep.Round whileHeld = sweep.sweep();
    done.countDown();
    holder.get(30, TimeUnit.SECONDS);

    assertThat(whileHeld.skipped()).isGreaterThanOrEqualTo(1);
    assertThat(clock(other, SlaMetric.FIRST_RESPONSE).getBreachedAt()).isNull();
    assertThat(cases.find(other.id()).orElseThrow().priority()).isEqualTo(Priority.NORMAL);

    sweepUntilQuiet();
    assertThat(clock(other, SlaMetric.FIRST_RESPONSE).getEscalatedAt())
        .isEqualTo(at("2027-01-25T10:30"));
    assertThat(cases.history(other.id())).filteredOn(h -> h.kind().equals("priority")).hasSize(1);
  }

  @Test
  void twoSweepsAtOnceEscalateABreachOnlyOnce() throws Exception {
    CaseView aCase = openAt("2027-02-01T09:00", Priority.NORMAL);
    setTime("2027-02-01T10:05");
    var a = CompletableFuture.supplyAsync(this::sweepUntilQuiet);
    var b = CompletableFuture.supplyAsync(this::sweepUntilQuiet);
    a.get(60, TimeUnit.SECONDS);
    b.get(60, TimeUnit.SECONDS);

    assertThat(alertsOf(aCase)).filteredOn(x -> x.getKind() == SlaAlert.Kind.BREACH).hasSize(1);
    assertThat(cases.history(aCase.id())).filteredOn(h -> h.kind().equals("priority")).hasSize(1);
  }

  @Test
  void aVipOnTheProfileGetsTheAroundTheClockVipTierWithoutAContract() {
    String n = Integer.toString(SEQ.incrementAndGet());
    CustomerId vip =
        customers.register(
            new NewCustomer(
                "Ada " + n,
                "en",
                Tier.VIP,
                List.of("ada" + n + "@example.com"),
                List.of(),
                List.of(),
                List.of(),
                null));
    setTime("2027-01-30T23:00"); // a Saturday night
    CaseView aCase =
        cases.open(
            new NewCase(brand.id(), "Broken", Priority.NORMAL, vip, null, "email", "Help", null));

    assertThat(aCase.tags()).contains("tier:vip");
    assertThat(clock(aCase, SlaMetric.FIRST_RESPONSE).getDueAt()).isEqualTo(at("2027-01-30T23:30"));
    assertThat(entitlements.tierOf(vip).orElseThrow().source())
        .isEqualTo(TierSummary.Source.PROFILE);
  }

  @Test
  void aContractCountsOnlyFromItsFirstDay() {
    String n = Integer.toString(SEQ.incrementAndGet());
    CustomerId later =
        customers.register(
            new NewCustomer(
                "Bo " + n,
                "en",
                Tier.STANDARD,
                List.of("bo" + n + "@example.com"),
                List.of(),
                List.of(),
                List.of(),
                null));
    entitlements.grant(later, tier.getCode(), "From March", LocalDate.of(2027, 3, 1), null);

    setTime("2027-02-28T12:00");
    assertThat(entitlements.tierOf(later).orElseThrow().code()).isEqualTo("STANDARD");
    setTime("2027-03-01T12:00");
    assertThat(entitlements.tierOf(later).orElseThrow().code()).isEqualTo(tier.getCode());
  }

  private SlaSweep.Round sweepUntilQuiet() {
    int warned = 0;
    int breached = 0;
    for (int round = 0; round < 200; round++) {
      SlaSweep.Round r = sweep.sweep();
      warned += r.warned();
      breached += r.breached();
      if (r.warned() + r.breached() == 0) {
        return new SlaSweep.Round(warned, breached, r.skipped());
      }
    }
    throw new AssertionError("the sweep did not settle");
  }

  private CaseView openAt(String localTime, Priority priority) {
    return openAt(localTime, priority, customer);
  }

  private CaseView openAt(String localTime, Priority priority, CustomerId customer) {
    setTime(localTime);
    CaseView opened =
        cases.open(
            new NewCase(
                brand.id(),
                "Phone will not charge",
                priority,
                customer,
                null,
                "email",
                "My phone stopped charging.",
                at(localTime)));
    return cases.find(opened.id()).orElseThrow();
  }

  /** The agent answers at that time (the message is dated then, as the SLA clock is). */
  private void answerAt(CaseView aCase, String localTime) {
    setTime(localTime);
    cases.addMessage(aCase.id(), MessageKind.OUTBOUND, null, agent, "We are on it.", at(localTime));
  }

  private void customerWritesAt(CaseView aCase, CustomerId customer, String localTime) {
    setTime(localTime);
    cases.addMessage(aCase.id(), MessageKind.INBOUND, customer, null, "Any news?", at(localTime));
  }

  private void setTime(String shanghaiLocal) {
    clock.set(at(shanghaiLocal));
  }

  private static Instant at(String shanghaiLocal) {
    return LocalDateTime.parse(shanghaiLocal).atZone(SHANGHAI).toInstant();
  }

  private SlaClock clock(CaseView aCase, SlaMetric metric) {
    return clocks.findByCaseIdOrderByMetric(aCase.id().value()).stream()
        .filter(c -> c.getMetric() == metric)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + metric + " clock on " + aCase.reference()));
  }

  private List<SlaAlert> alertsOf(CaseView aCase) {
    return alerts.findByCaseIdOrderByAtAscIdAsc(aCase.id().value());
  }

  /**
   * A customer under contract with a second tier that times only high and urgent cases: a first
   * response in 30 and 15 minutes, a resolution in 4 and 2 hours, and a next response in 10 minutes
   * for urgent ones.
   */
  private CustomerId aCustomerWhoseTierTimesOnlyPressingCases() {
    String n = Integer.toString(SEQ.incrementAndGet());
    Map<String, String> form = new HashMap<>();
    form.put("code", tier.getCode() + "P" + n);
    form.put("name", "Pressing " + n);
    form.put("rankOrder", "0");
    form.put("target_HIGH_FIRST_RESPONSE", "30");
    form.put("target_HIGH_RESOLUTION", "240");
    form.put("target_URGENT_RESOLUTION", "120");
    form.put("target_URGENT_FIRST_RESPONSE", "15");
    form.put("target_URGENT_NEXT_RESPONSE", "10");
    form.put("notifyOnBreach", "true");
    form.put("breachPriority", "URGENT");
    return aCustomerUnder(tiers.save(null, form));
  }

  /** A customer under contract with {@code tier} from the start of 2027. */
  private CustomerId aCustomerUnder(ServiceTier tier) {
    String n = Integer.toString(SEQ.incrementAndGet());
    CustomerId someone =
        customers.register(
            new NewCustomer(
                "Li " + n,
                "zh-CN",
                Tier.STANDARD,
                List.of("li" + n + "@example.cn"),
                List.of(),
                List.of(),
                List.of(),
                null));
    entitlements.grant(someone, tier.getCode(), "Contract " + n, LocalDate.of(2027, 1, 1), null);
    return someone;
  }

  private UserId user(String username, Role role) {
    return users
        .register(
            new NewUser(
                username,
                username,
                username + "@acme.example",
                role,
                "a-long-password-1",
                null,
                Set.of(brand.id())))
        .id();
  }
}
