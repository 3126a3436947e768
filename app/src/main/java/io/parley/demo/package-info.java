/**
 * Demo fills an empty embedded installation with the company Acme, its two brands, a user per role,
 * customers with social identities and cases across channels, so a newcomer sees a living system.
 */
package io.parley.demo;
