/**
 * Integration connects Parley to the company's other systems: looks up orders, assets and warranty
 * in a back-office system over HTTP (mapped by an admin, with time budget, cache and backoff),
 * answers customers' order status questions without an agent, and turns telephony (CTI) events into
 * screen pops and call logs.
 */
@org.springframework.modulith.ApplicationModule(
    allowedDependencies = {"customers", "conversations", "identity", "shared"})
package io.parley.integration;
