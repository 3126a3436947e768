/**
 * Compliance keeps a tamper-evident record of everything done in Parley (a hash-chained, sealed,
 * append-only audit trail), gates every outbound message against the brand's sensitive words with
 * supervisor approval, and serves auditors (exports with the chain proof) and customers (export and
 * erasure of their personal data). It listens to the other modules' events; none depends on it.
 */
package io.parley.compliance;
