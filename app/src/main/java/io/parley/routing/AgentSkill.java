package io.parley.routing;

import io.parley.identity.BrandId;

/**
 * A skill an agent has for a brand (a language, a product, a tier: free-form names), with an
 * optional proficiency from 1 to 5. A case tagged {@code skill:<name>} goes only to agents with
 * that skill in the case's brand.
 */
public record AgentSkill(BrandId brand, String name, Integer proficiency) {}
