/**
 * A lost database answered with 503 and {@code Retry-After} instead of a 500, with what
 * was typed kept for a form. Internal to the web module.
 */
package com.example.imoc.web.outage;
