/**
 * Local mode: a real single-node KRaft broker and a real PostgreSQL started inside the process from Maven
 * Central artifacts, used whenever no external cluster or database is configured.
 */
package dev.rewire.deploy.local;
