package io.parley.routing.internal;

import io.parley.identity.BrandId;
import io.parley.routing.AgentSkill;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Each agent's desk as routing keeps it: one row per agent that is locked while a case is given to
 * them (so two threads or nodes never both fill their last free slot), when they last got a case,
 * their skills and their capacities. Runs in the caller's transaction.
 */
@Component
public class Desks {

  private final JdbcClient jdbc;

  Desks(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Locks the desks of these agents, in id order (every caller locks in the same order, so two
   * callers never wait on each other in a circle), creating missing ones. Returns when each last
   * got a case (null: never).
   */
  public Map<Long, Instant> lock(Collection<Long> userIds) {
    Map<Long, Instant> result = new TreeMap<>();
    if (userIds.isEmpty()) {
      return result;
    }
    for (Long id : new java.util.TreeSet<>(userIds)) {
      jdbc.sql("insert into routing_agent (user_id) values (:id) on conflict do nothing")
          .param("id", id)
          .update();
    }
    jdbc.sql(
            "select user_id, last_assigned_at from routing_agent where user_id in (:ids)"
                + " order by user_id for update")
        .param("ids", List.copyOf(userIds))
        .query(
            (rs, n) -> {
              OffsetDateTime at = rs.getObject(2, OffsetDateTime.class);
              result.put(rs.getLong(1), at == null ? null : at.toInstant());
              return null;
            })
        .list();
    return result;
  }

  /** When each of these agents last got a case; without locking. */
  public Map<Long, Instant> lastAssigned(Collection<Long> userIds) {
    Map<Long, Instant> result = new HashMap<>();
    if (userIds.isEmpty()) {
      return result;
    }
    jdbc.sql("select user_id, last_assigned_at from routing_agent where user_id in (:ids)")
        .param("ids", List.copyOf(userIds))
        .query(
            (rs, n) -> {
              OffsetDateTime at = rs.getObject(2, OffsetDateTime.class);
              result.put(rs.getLong(1), at == null ? null : at.toInstant());
              return null;
            })
        .list();
    return result;
  }

  public void assigned(Long userId, Instant at) {
    jdbc.sql("update routing_agent set last_assigned_at = :at where user_id = :id")
        .param("at", Timestamp.from(at))
        .param("id", userId)
        .update();
  }

  /** The skills each of these agents has for the brand. */
  public Map<Long, Set<String>> skills(BrandId brand, Collection<Long> userIds) {
    Map<Long, Set<String>> result = new HashMap<>();
    if (userIds.isEmpty()) {
      return result;
    }
    jdbc.sql(
            "select user_id, name from routing_agent_skill where brand_id = :brand"
                + " and user_id in (:ids)")
        .param("brand", brand.value())
        .param("ids", List.copyOf(userIds))
        .query(
            (rs, n) ->
                result.computeIfAbsent(rs.getLong(1), k -> new HashSet<>()).add(rs.getString(2)))
        .list();
    return result;
  }

  public List<AgentSkill> skillsOf(Long userId) {
    return jdbc.sql(
            "select brand_id, name, proficiency from routing_agent_skill where user_id = :id"
                + " order by brand_id, name")
        .param("id", userId)
        .query(
            (rs, n) ->
                new AgentSkill(
                    new BrandId(rs.getLong(1)),
                    rs.getString(2),
                    rs.getObject(3) == null ? null : rs.getInt(3)))
        .list();
  }

  public void replaceSkills(Long userId, Collection<AgentSkill> skills) {
    jdbc.sql("delete from routing_agent_skill where user_id = :id").param("id", userId).update();
    for (AgentSkill skill : skills) {
      jdbc.sql(
              "insert into routing_agent_skill (user_id, brand_id, name, proficiency)"
                  + " values (:id, :brand, :name, :proficiency)")
          .param("id", userId)
          .param("brand", skill.brand().value())
          .param("name", skill.name())
          .param("proficiency", skill.proficiency(), java.sql.Types.INTEGER)
          .update();
    }
  }

  /** Capacities set on these agents themselves, by channel type. */
  public Map<Long, Map<String, Integer>> agentCapacities(Collection<Long> userIds) {
    Map<Long, Map<String, Integer>> result = new HashMap<>();
    if (userIds.isEmpty()) {
      return result;
    }
    jdbc.sql(
            "select user_id, channel_type, max_cases from routing_agent_capacity"
                + " where user_id in (:ids)")
        .param("ids", List.copyOf(userIds))
        .query(
            (rs, n) ->
                result
                    .computeIfAbsent(rs.getLong(1), k -> new TreeMap<>())
                    .put(rs.getString(2), rs.getInt(3)))
        .list();
    return result;
  }

  public Map<String, Integer> brandCapacities(BrandId brand) {
    Map<String, Integer> result = new TreeMap<>();
    jdbc.sql("select channel_type, max_cases from routing_brand_capacity where brand_id = :brand")
        .param("brand", brand.value())
        .query((rs, n) -> result.put(rs.getString(1), rs.getInt(2)))
        .list();
    return result;
  }

  public void replaceAgentCapacities(Long userId, Map<String, Integer> capacities) {
    jdbc.sql("delete from routing_agent_capacity where user_id = :id").param("id", userId).update();
    capacities.forEach(
        (type, max) ->
            jdbc.sql(
                    "insert into routing_agent_capacity (user_id, channel_type, max_cases)"
                        + " values (:id, :type, :max)")
                .param("id", userId)
                .param("type", type)
                .param("max", max)
                .update());
  }

  public void replaceBrandCapacities(BrandId brand, Map<String, Integer> capacities) {
    jdbc.sql("delete from routing_brand_capacity where brand_id = :brand")
        .param("brand", brand.value())
        .update();
    capacities.forEach(
        (type, max) ->
            jdbc.sql(
                    "insert into routing_brand_capacity (brand_id, channel_type, max_cases)"
                        + " values (:brand, :type, :max)")
                .param("brand", brand.value())
                .param("type", type)
                .param("max", max)
                .update());
  }
}
