/**
 * The one security filter chain: sessions checked against the roster, personal access
 * tokens on the API, CSRF on forms, sign-in throttling, control characters refused before
 * any controller. Internal to the web module.
 */
package com.example.imoc.web.security;
