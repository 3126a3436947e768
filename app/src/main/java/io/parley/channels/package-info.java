/**
 * Channels holds the brand-owned accounts (an email address, a Weibo or X account, a web chat)
 * through which customers reach the company; many agents answer through one account.
 */
package io.parley.channels;
