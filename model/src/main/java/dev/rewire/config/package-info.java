/**
 * Typed configuration: one commented defaults file ({@code rewire-defaults.properties}), an optional user
 * file, and {@code REWIRE_…} environment variables over both, read through typed getters that fail fast
 * with a message naming the key.
 */
package dev.rewire.config;
