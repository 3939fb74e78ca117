/**
 * The {@code rewire} command line (picocli): one class per subcommand, each only wiring the factory
 * methods of the other packages, so tests exercise the same code paths.
 */
package dev.rewire.deploy.cli;
