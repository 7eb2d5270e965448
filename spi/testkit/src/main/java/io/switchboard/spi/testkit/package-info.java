/**
 * The plugin test kit: test a Switchboard plugin without a gateway.
 *
 * <ul>
 *   <li>{@link io.switchboard.spi.testkit.TestContacts} and {@link io.switchboard.spi.testkit.ContactFixture}:
 *       realistic contacts per channel kind, built fluently;</li>
 *   <li>{@link io.switchboard.spi.testkit.PluginTester}: creates the plugin from its factory with configuration
 *       validated as the gateway validates it, runs it on a real Vert.x under a time limit, and classifies the
 *       result as the gateway's chain does ({@link io.switchboard.spi.testkit.PluginOutcome});</li>
 *   <li>{@link io.switchboard.spi.testkit.PluginAssertions}: AssertJ assertions on outcomes and contacts;</li>
 *   <li>{@link io.switchboard.spi.testkit.InMemoryCustomerDirectory},
 *       {@link io.switchboard.spi.testkit.InMemoryConversations}: fakes of the gateway's services, and
 *       {@link io.switchboard.spi.testkit.ServiceFaults} to make any service fail, hang or slow down;</li>
 *   <li>{@link io.switchboard.spi.testkit.TestClock}: a clock tests move;</li>
 *   <li>{@link io.switchboard.spi.testkit.contract}: contract suites every implementation of those services
 *       passes.</li>
 * </ul>
 *
 * See {@code docs/writing-a-plugin.md}.
 */
package io.switchboard.spi.testkit;
