/**
 * Identity knows who works here: the company's brands, users with their roles, sign-in, personal
 * API tokens and who may do what.
 */
package io.parley.identity;
