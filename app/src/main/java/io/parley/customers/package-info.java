/**
 * Customers knows the people and organizations we serve: their emails, phones, addresses, language,
 * service tier and social identities, unique per network and external id.
 */
package io.parley.customers;
