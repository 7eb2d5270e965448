/**
 * Generated provider traffic: realistic payloads with unique provider event ids, signed as each provider
 * signs them. Used by the Gatling simulations and by the benchmark's request pool.
 */
package io.switchboard.loadtest.traffic;
