/** The Prometheus registry and its HTTP endpoint ({@code /metrics}, {@code /health}). */
package dev.rewire.deploy.metrics;
