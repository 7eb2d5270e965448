/**
 * The providers' webhook signatures, computed as the providers compute them, for generated traffic. Tested
 * against the providers' official vectors (PROTOCOLS.md), so a wrong signer fails without a gateway.
 */
package io.switchboard.loadtest.sign;
