/**
 * Contract suites for the services the gateway offers plugins: abstract JUnit 5 test classes that every
 * implementation (the test kit's in-memory fakes, the gateway's store-backed services) extends, so a plugin
 * tested against a fake behaves the same against the real thing.
 *
 * <pre>{@code
 * class SqliteCustomerDirectoryTest extends CustomerDirectoryContract {
 *     protected CustomerDirectory create(Vertx vertx) throws Exception { return ...; }
 * }
 * }</pre>
 */
package io.switchboard.spi.testkit.contract;
